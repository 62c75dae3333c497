"""`rapport identities …`: link social accounts to customers and employees, and review matches."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, repository
from importers.identity.store import decide, list_candidates, resolve_identities

app = typer.Typer(help="Identity resolution: who owns which social account.", no_args_is_help=True)


@app.command("resolve")
def resolve_command(ctx: typer.Context) -> None:
    """Match unowned accounts to people (e-mail, CRM handle, then name and city)."""
    with repository(ctx) as repo:
        report = resolve_identities(repo)
    console.print(
        f"{report.accounts:,} unowned accounts: {report.asserted:,} linked, "
        f"{report.candidates:,} candidates to review"
    )


@app.command()
def review(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="How many to list.")] = 50,
) -> None:
    """List weak matches waiting for a person: confirm or reject each with the commands shown."""
    with repository(ctx) as repo:
        candidates = list_candidates(repo, limit=limit)
    if not candidates:
        console.print("no identity candidates to review")
        return
    table = Table(title=f"{len(candidates)} identity candidates", title_justify="left")
    for column in ("account", "shows", "person", "known as", "confidence", "method"):
        table.add_column(column)
    for c in candidates:
        shows = " · ".join(p for p in (c.display_name, c.location) if p)
        known = " · ".join(p for p in (c.person_name, c.person_city) if p)
        table.add_row(
            c.account, shows, f"{c.person_label} {c.person}", known, f"{c.confidence:.2f}", c.method
        )
    console.print(table)
    console.print(
        "confirm: [bold]rapport identities confirm ACCOUNT PERSON[/]   "
        "reject: [bold]rapport identities reject ACCOUNT PERSON[/]"
    )


@app.command()
def confirm(ctx: typer.Context, account: str, person: str) -> None:
    """Confirm that PERSON owns ACCOUNT (the candidate becomes OWNS)."""
    with repository(ctx) as repo:
        decide(repo, account=account, person=person, confirm=True)
    console.print(f"confirmed: {person} owns {account}")


@app.command()
def reject(ctx: typer.Context, account: str, person: str) -> None:
    """Reject the match; it will not be proposed again."""
    with repository(ctx) as repo:
        decide(repo, account=account, person=person, confirm=False)
    console.print(f"rejected: {person} does not own {account}")
