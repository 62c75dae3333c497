"""`rapport explain ...`: the evidence behind a score."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import console, repository
from graph.analytics.warmth import Contact
from graph.answers import explain
from graph.answers.explain import EvidenceItem

app = typer.Typer(
    help="The evidence behind an influence edge, a warmth score or a recommendation.",
    no_args_is_help=True,
)

First = Annotated[int, typer.Option(min=1, max=100, help="How many evidence items.")]


def _items(items: list[EvidenceItem]) -> None:
    for i in items:
        when = i.at.strftime("%Y-%m-%d") if i.at else "          "
        text = (i.text or "").replace("\n", " ")[:100]
        console.print(f"  {when}  {i.kind:<18} {i.ref}  {text}", highlight=False)


@app.command("influence")
def influence_command(
    ctx: typer.Context, influencer: str, influenced: str, first: First = 5
) -> None:
    """Why INFLUENCER influences INFLUENCED: evidence counts and the strongest items."""
    with repository(ctx) as repo:
        found = explain.explain_influence(repo, influencer, influenced, first=first)
    counts = ", ".join(f"{k} {v}" for k, v in found.counts.items() if v)
    console.print(f"{influencer} -> {influenced}: weight {found.weight:g} ({counts})")
    _items(found.items)


@app.command("warmth")
def warmth_command(ctx: typer.Context, employee: str, customer: str) -> None:
    """How warm EMPLOYEE is with CUSTOMER today, with its breakdown and latest contacts."""
    with repository(ctx) as repo:
        w = explain.explain_warmth(repo, employee, customer)
    console.print(f"{employee} with {customer}: warmth {w.score:.1f} / 100 (raw {w.raw:.2f})")
    for key, value in w.breakdown.items():
        console.print(f"  {key:<24} {value:8.3f}", highlight=False)
    for item in w.evidence:
        kind = f"{item.channel} {item.direction or ''}" if isinstance(item, Contact) else "sale"
        console.print(f"  {item.at:%Y-%m-%d}  {kind:<18} {item.id}", highlight=False)


@app.command("recommendation")
def recommendation_command(
    ctx: typer.Context, customer: str, product: str, first: First = 5
) -> None:
    """Why PRODUCT is recommended to CUSTOMER: reasons and the facts behind them."""
    with repository(ctx) as repo:
        found = explain.explain_recommendation(repo, customer, product, first=first)
    rec = found.recommendation
    console.print(f"{product} for {customer}: score {rec.score:.3f}")
    for reason in rec.reasons:
        console.print(f"  {reason.weight:6.3f}  {reason.text}", highlight=False)
    _items(found.items)
