"""`rapport customer`, `influencers`, `path`, `campaign`: the questions on the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import console, plural, repository
from graph.answers import common, customers, influencers, products


def customer_command(
    ctx: typer.Context,
    customer: Annotated[str, typer.Argument(help="Customer id, e.g. c000093.")],
    first: Annotated[int, typer.Option(min=1, max=50, help="Items per list.")] = 5,
    weeks: Annotated[int, typer.Option(min=1, max=520, help="Weeks of sentiment.")] = 8,
) -> None:
    """A customer at a glance: influence, warmest employees, recommendations, sentiment."""
    with repository(ctx) as repo:
        profile = customers.customer_profile(repo, customer)
        warm = customers.warmest_employees(repo, customer, first=first)
        recs = products.recommendations(repo, customer, first=first)
        trend = customers.sentiment_timeline(repo, customer, weeks=weeks)
        names = common.display_names(repo, [r.product for r in recs])
    p = profile
    console.print(f"[bold]{p.name or p.id}[/] ({p.id}) {p.email or ''} {p.city or ''}")
    rank = f"rank {p.rank:,}" if p.rank else "not ranked (run rapport analyze)"
    console.print(
        f"  influence {p.influence or 0:.6f}, {rank}, community {p.community}, "
        f"mean sentiment {p.sentiment_avg if p.sentiment_avg is not None else '-'}",
        highlight=False,
    )
    console.print("[bold]warmest employees[/]")
    for w in warm:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in w.breakdown.items())
        console.print(
            f"  {w.warmth:5.1f}  {w.name} ({w.employee}): {plural(w.interactions, 'contact')}, "
            f"{plural(w.sales, 'sale')}; {parts}",
            highlight=False,
        )
    console.print("[bold]recommendations[/]")
    for r in recs:
        why = "; ".join(reason.text for reason in r.reasons[:2])
        label = f"{names.get(r.product, '')} ({r.product})".strip()
        label += " (buy again)" if r.buy_again else ""
        console.print(f"  {r.score:5.2f}  {label}: {why}", highlight=False)
    console.print("[bold]sentiment per week[/]")
    for week in trend:
        bar = "+" * week.positive + "-" * week.negative
        console.print(
            f"  {week.week}  {week.posts:3d} posts  mean {week.mean:+.2f}  {bar}", highlight=False
        )


def influencers_command(
    ctx: typer.Context,
    product: Annotated[str | None, typer.Option(help="Who converted most buyers of it.")] = None,
    topic: Annotated[str | None, typer.Option(help="Who leads the conversation on it.")] = None,
    first: Annotated[int, typer.Option(min=1, max=1000)] = 10,
) -> None:
    """The top influencers overall, for a product, or for a topic."""
    with repository(ctx) as repo:
        if product:
            found, unit = influencers.product_influencers(repo, product, first=first), "conversions"
        elif topic:
            found, unit = influencers.topic_influencers(repo, topic, first=first), "score"
        else:
            found, unit = influencers.top_influencers(repo, first=first), "influence"
    if not found:
        console.print("nobody yet (has `rapport analyze` run?)")
    for n, r in enumerate(found, start=1):
        console.print(f"{n:3d}. {r.name or ''} ({r.customer})  {unit} {r.score:g}", highlight=False)


def path_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The influencer's customer id.")],
    target: Annotated[str, typer.Argument(help="The influenced customer's id.")],
) -> None:
    """The strongest chain of influence from one customer to another."""
    with repository(ctx) as repo:
        path = influencers.influence_path(repo, source, target)
        names = common.display_names(repo, path or [])
    if path is None:
        console.print(f"no chain of influence leads from {source} to {target}")
        return
    console.print(" -> ".join(f"{names.get(c, '')} ({c})".strip() for c in path), highlight=False)


def campaign_command(
    ctx: typer.Context,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="How many seeds.")] = 5,
    product: Annotated[str | None, typer.Option(help="Among those who praised it.")] = None,
    topic: Annotated[str | None, typer.Option(help="Among those who posted on it.")] = None,
    rounds: Annotated[int, typer.Option(min=10, max=10_000, help="Monte-Carlo rounds.")] = 200,
) -> None:
    """Campaign seeds: the k customers with the largest expected spread (CELF, independent
    cascade, fixed random seed)."""
    with repository(ctx) as repo:
        seeds, spread = influencers.campaign_seeds(
            repo, k=k, product=product, topic=topic, rounds=rounds
        )
        names = common.display_names(repo, seeds)
    if not seeds:
        console.print("no candidates (has `rapport analyze` run? anyone praising it?)")
        return
    for n, c in enumerate(seeds, start=1):
        console.print(f"{n:3d}. {names.get(c, '')} ({c})", highlight=False)
    console.print(f"expected spread: {spread:,.1f} customers")
