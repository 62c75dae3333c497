"""The `rapport` Typer application and its global options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli import (
    alerts,
    db,
    evaluate,
    explain,
    identities,
    keys,
    neo4j,
    questions,
    webhooks,
)
from api.cli.analyze import analyze_command
from api.cli.browser import browser_command
from api.cli.common import configure_logging, console, repository
from api.cli.export import export_command
from api.cli.imports import generate_command, import_command
from api.cli.serve import serve_command
from graph.settings import load_settings
from graph.store import schema

app = typer.Typer(
    name="rapport",
    help="Rapport: a social CRM knowledge graph. Import, analyze, serve and inspect the graph.\n\n"
    "Configuration comes from RAPPORT_* environment variables (see the README); the options "
    "below override them for one command.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
app.add_typer(db.app, name="db")
app.add_typer(neo4j.app, name="neo4j")
app.add_typer(identities.app, name="identities")
app.add_typer(alerts.app, name="alerts")
app.command("ingest-post")(alerts.ingest_post_command)
app.add_typer(explain.app, name="explain")
app.add_typer(evaluate.app, name="evaluate")
app.command("customer")(questions.customer_command)
app.command("influencers")(questions.influencers_command)
app.command("path")(questions.path_command)
app.command("campaign")(questions.campaign_command)
app.command("serve")(serve_command)
app.command("browser")(browser_command)
app.command("export")(export_command)
app.add_typer(keys.app, name="keys")
app.add_typer(webhooks.app, name="webhooks")
app.command("import")(import_command)
app.command("generate")(generate_command)
app.command("analyze")(analyze_command)


@app.callback()
def _global(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Embedded data directory [env: RAPPORT_DATA_DIR]."),
    ] = None,
    db_uri: Annotated[
        str | None,
        typer.Option(
            "--db-uri",
            help="`embedded`, `local-neo4j` or a Neo4j URI [env: RAPPORT_DB_URI].",
        ),
    ] = None,
    db_name: Annotated[
        str | None, typer.Option("--db-name", help="Database name [env: RAPPORT_DB_NAME].")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    overrides = {
        key: value
        for key, value in (("data_dir", data_dir), ("db_uri", db_uri), ("db_name", db_name))
        if value is not None
    }
    settings = load_settings(**overrides)
    configure_logging("INFO" if verbose else settings.log_level)
    ctx.obj = settings


@app.command()
def init(ctx: typer.Context) -> None:
    """Create every constraint and index of the graph model (safe to run again)."""
    with repository(ctx) as repo:
        report = schema.apply(repo)
        where = repo.connection.uri
    console.print(
        f"schema ready on [bold]{where}[/] database [bold]{repo.connection.database}[/]: "
        f"{report.constraints_after} constraints, {report.indexes_after} indexes "
        f"({report.created} created now, {report.statements} statements checked)"
    )
