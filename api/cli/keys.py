"""`rapport keys ...`: API keys with roles (reader, writer, admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from api.auth.keys import ROLES, KeyStore
from api.cli.common import console, settings_from

app = typer.Typer(help="API keys for the GraphQL API, stored hashed.", no_args_is_help=True)


@app.command("create")
def create_command(
    ctx: typer.Context,
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")],
    name: Annotated[str, typer.Option(help="Who or what uses it.")] = "",
) -> None:
    """Create a key; it is printed once and only its hash is stored."""
    key, text = KeyStore(settings_from(ctx).data_dir).create(role, name)
    console.print(f"{key.role} key {key.id} ({key.name}) created; send it as X-API-Key:")
    console.print(text, highlight=False, soft_wrap=True)


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Every key: id, role, name, when it was created."""
    keys = KeyStore(settings_from(ctx).data_dir).list()
    if not keys:
        console.print("no API keys (create one with `rapport keys create --role reader`)")
    for key in keys:
        console.print(f"{key.id}  {key.role:<7} {key.created_at}  {key.name}", highlight=False)


@app.command("revoke")
def revoke_command(ctx: typer.Context, key_id: str) -> None:
    """Revoke a key: requests with it are refused from now on."""
    KeyStore(settings_from(ctx).data_dir).revoke(key_id)
    console.print(f"revoked {key_id}")
