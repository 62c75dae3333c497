"""What every command shares: settings from options, one console, one error translator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from graph.errors import RapportError
from graph.settings import Settings, load_settings
from graph.store.connection import Connection, connect
from graph.store.repository import Repository

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def settings_from(ctx: typer.Context) -> Settings:
    """The settings chosen by the environment and the global options."""
    settings = ctx.obj
    if not isinstance(settings, Settings):
        settings = load_settings()
    return settings


@contextmanager
def repository(ctx: typer.Context) -> Iterator[Repository]:
    """A repository on a fresh connection, closed (and the embedded server released) after."""
    connection: Connection = connect(settings_from(ctx))
    try:
        yield Repository(connection)
    finally:
        connection.close()


def run_guarded(app: typer.Typer) -> int:
    """Run ``app``; a RapportError prints what went wrong and the hint, and exits with 2."""
    try:
        app(standalone_mode=False)
    except RapportError as exc:
        errors.print(f"[bold red]error[/] [dim]({exc.code})[/]: {exc.message}", highlight=False)
        if exc.hint:
            errors.print(f"[yellow]hint[/]: {exc.hint}", highlight=False)
        return 2
    except KeyboardInterrupt:
        errors.print("interrupted")
        return 130
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        errors.print("aborted")
        return 1
    except Exception as exc:  # click usage errors carry their own exit codes
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    return 0


def configure_logging(level: str) -> None:
    """Plain log lines on stderr at the configured level."""
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
