"""Settings: defaults, validation with hints, masked secrets."""

from __future__ import annotations

import pytest

from graph.errors import ConfigError, UnknownUriScheme
from graph.settings import load_settings


def test_defaults_run_embedded_with_a_5000_row_batch() -> None:
    settings = load_settings()
    assert settings.is_embedded
    assert settings.database == "rapport"
    assert settings.batch_size == 5000
    assert settings.user == "root"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_DB_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("RAPPORT_BATCH_SIZE", "250")
    settings = load_settings()
    assert not settings.is_embedded
    assert settings.user == "neo4j"
    assert settings.batch_size == 250


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "mysql://x"])
def test_unknown_uri_scheme_names_the_schemes_that_work(uri: str) -> None:
    with pytest.raises(UnknownUriScheme) as caught:
        load_settings(db_uri=uri)
    assert "RAPPORT_DB_URI" in caught.value.message
    assert "bolt://" in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize("name", ["", "1abc", "has space", "../etc", "x" * 64])
def test_unsafe_database_names_are_refused(name: str) -> None:
    with pytest.raises(ConfigError, match="RAPPORT_DB_NAME"):
        load_settings(db_name=name)


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="RAPPORT_BATCH_SIZE"):
        load_settings(batch_size=0)


def test_password_prints_masked() -> None:
    settings = load_settings(db_password="hunter2")
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in str(settings)
