"""Connection errors a user can cause, each with what happened and what to do."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from graph.errors import AuthenticationFailed, DatabaseNotFound, ServerUnreachable
from graph.settings import Settings, load_settings
from graph.store.connection import Connection, connect


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_says_so_and_how_to_fix_it() -> None:
    settings = load_settings(db_uri=f"bolt://127.0.0.1:{_closed_port()}", db_password="x")
    with pytest.raises(ServerUnreachable) as caught:
        connect(settings)
    assert "nothing answers Bolt" in caught.value.message
    assert "RAPPORT_DB_URI" in (caught.value.hint or "")


@pytest.mark.embedded_only
def test_wrong_password_on_a_bolt_uri(server: Connection) -> None:
    settings = load_settings(db_uri=server.uri, db_user="root", db_password="wrong")
    with pytest.raises(AuthenticationFailed) as caught:
        connect(settings)
    assert "wrong user name or password" in caught.value.message
    assert "RAPPORT_DB_PASSWORD" in (caught.value.hint or "")


@pytest.mark.embedded_only
def test_wrong_password_on_embedded_points_at_the_data_dir(
    server: Connection, make_settings: Callable[..., Settings]
) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        connect(make_settings(db_password="wrong", db_name="session"))
    assert "data dir" in (caught.value.hint or "")


@pytest.mark.embedded_only
def test_missing_database_on_a_server_is_named(server: Connection) -> None:
    assert server.lease is not None
    settings = load_settings(
        db_uri=server.uri, db_user="root", db_password=server.lease.password, db_name="absent"
    )
    with pytest.raises(DatabaseNotFound, match="'absent'"):
        connect(settings)


@pytest.mark.embedded_only
def test_embedded_creates_a_missing_database(make_settings: Callable[..., Settings]) -> None:
    with connect(make_settings(db_name="created_on_first_use")) as conn:
        assert conn.backend == "embedded"
        assert conn.database == "created_on_first_use"


@pytest.mark.embedded_only
def test_the_same_driver_path_serves_a_bolt_uri(server: Connection) -> None:
    """Neo4j mode is the embedded server's Bolt port named by URI: one code path."""
    assert server.lease is not None
    settings = load_settings(
        db_uri=server.uri, db_user="root", db_password=server.lease.password, db_name="session"
    )
    with connect(settings) as conn:
        assert conn.backend == "neo4j"
        assert conn.lease is None
