"""What every command shares: settings from options, one console, one error translator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.markup import escape
from typer.exceptions import TyperException

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
        # Outside standalone mode, `raise typer.Exit(n)` comes back as the return value.
        status = app(standalone_mode=False)
    except RapportError as exc:
        errors.print(f"[bold red]error[/] [dim]({exc.code})[/]: {escape(exc.message)}",
                     highlight=False)  # fmt: skip
        if exc.hint:
            errors.print(f"[yellow]hint[/]: {escape(exc.hint)}", highlight=False)
        return 2
    except KeyboardInterrupt:
        errors.print("interrupted")
        return 130
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        errors.print("aborted")
        return 1
    except TyperException as exc:  # a usage error: one line and a hint, never a traceback
        return _usage_error(exc)
    return status if isinstance(status, int) else 0


def _usage_error(exc: TyperException) -> int:
    """Say what was wrong with the command line and where to read how it goes; exit 2."""
    ctx = getattr(exc, "ctx", None)
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:  # the root's name is how it was started
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    where = " ".join(["rapport", *names])
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        errors.print(ctx.get_help(), highlight=False, markup=False)
        return 2
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    errors.print(f"[bold red]error[/] [dim](USAGE)[/]: {escape(message)}", highlight=False)
    errors.print(f"[yellow]hint[/]: see `{where} --help`", highlight=False)
    return 2


def plural(count: int, word: str) -> str:
    """``count`` and ``word``, in the plural unless there is one.

    >>> plural(1, "contact"), plural(3, "contact"), plural(0, "sale")
    ('1 contact', '3 contacts', '0 sales')
    """
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def configure_logging(level: str) -> None:
    """Plain log lines on stderr at the configured level."""
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
