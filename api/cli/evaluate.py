"""`rapport evaluate recs`: how well related products would have predicted held-out baskets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import console, repository
from graph.jobs import evaluate
from importers.readers.baskets import read_baskets

app = typer.Typer(help="Judge Rapport's answers on your own data.", no_args_is_help=True)


@app.command("recs")
def recs_command(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            readable=True,
            help="A basket file (one basket per line, products as CSV cells) instead of the "
            "purchases in the graph.",
        ),
    ] = None,
    split: Annotated[
        evaluate.Split, typer.Option(help="Hold out a random share, or the latest purchases.")
    ] = evaluate.Split.random,
    held_out: Annotated[
        float, typer.Option(min=0.01, max=0.99, help="Share of the baskets held out.")
    ] = 0.2,
    k: Annotated[int, typer.Option(min=1, max=50, help="Related products per list.")] = 5,
    top: Annotated[
        int, typer.Option(min=0, max=100, help="How many best sellers 'beyond' looks past.")
    ] = 6,
    seed: Annotated[int, typer.Option(help="Seed of the random split.")] = 7,
) -> None:
    """Learn related products from most purchases, judge them on the rest: best sellers, the
    old confidence ranking and Rapport's ranking side by side (hit@k, recall@k, NDCG@k, hits
    beyond the best sellers, best-seller share of the slots, coverage, significant pairs)."""
    dated: list[tuple[datetime | None, list[str]]]
    if file is not None:
        dated = [(None, b) for b in read_baskets(file)]
        source = str(file)
    else:
        with repository(ctx) as repo:
            dated = evaluate.dated_baskets(repo)
        source = "the graph's purchases"
    console.print(f"judging related products on {source}", highlight=False)
    found = evaluate.evaluate_recs(dated, split=split, held_out=held_out, k=k, top=top, seed=seed)
    console.print(
        f"{found.baskets:,} baskets: learnt on {found.learn:,}, judged on {found.judge:,} "
        f"({found.split.value} split); best sellers: {', '.join(found.best_sellers)}",
        highlight=False,
    )
    table = Table(
        show_edge=False,
        caption=f"per held-out query, top {k}: hit, recall, NDCG, hit beyond the {top} best "
        "sellers; over the catalogue: best-seller share of the slots, products listed "
        "somewhere, listed pairs significant (Fisher, FDR 5%)",
    )
    for column in ("ranking", "hit", "recall", "NDCG", "beyond", "best", "cover", "signif"):
        table.add_column(column, justify="left" if column == "ranking" else "right",
                         no_wrap=True)  # fmt: skip
    for s in found.scores:
        table.add_row(
            s.name, f"{s.hit:.3f}", f"{s.recall:.3f}", f"{s.ndcg:.3f}", f"{s.beyond:.3f}",
            f"{s.best_seller_share:.0%}", f"{s.coverage:.0%}", f"{s.significant:.0%}",
        )  # fmt: skip
    console.print(table)
