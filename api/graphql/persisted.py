"""Automatic persisted queries, as Apollo Client's persisted-queries link speaks them.

A client sends only the SHA-256 of a query it sent before
(``"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "…"}}``, no ``query``). If this
process knows the hash, it runs the query it stands for; if not, it answers
``PERSISTED_QUERY_NOT_FOUND`` and the client sends the query again with its hash, which is checked
and kept. Frontends send their few documents as a few dozen bytes each, and the query's parse and
validation stay cached under it.

What is kept is bounded (:data:`MAX_QUERIES` queries of at most :data:`MAX_QUERY_CHARS` characters,
least recently used forgotten first) and per process: with ``--workers``, a worker that has not
seen a hash asks for the query once, as the protocol expects.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from graph.errors import InvalidInput, RapportError

__all__ = ["MAX_QUERIES", "MAX_QUERY_CHARS", "NotPersisted", "PersistedQueries"]

MAX_QUERIES = 1000
MAX_QUERY_CHARS = 100_000


class NotPersisted(RapportError):
    """The hash is not known here: the client should send the query with it. The message is
    the one Apollo's link looks for."""

    code = "PERSISTED_QUERY_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__(
            "PersistedQueryNotFound",
            hint="send the query again with its sha256Hash (Apollo's persisted-queries link does)",
        )


class PersistedQueries:
    """Queries by their SHA-256, least recently used forgotten first.

    >>> store = PersistedQueries()
    >>> query = "{ customers { totalCount } }"
    >>> digest = hashlib.sha256(query.encode()).hexdigest()
    >>> ask = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    >>> store.query_for(None, ask)
    Traceback (most recent call last):
    api.graphql.persisted.NotPersisted: PersistedQueryNotFound (hint: ...)
    >>> store.query_for(query, ask) == store.query_for(None, ask) == query
    True
    >>> store.query_for("{ x }", None), store.query_for(None, {"other": 1})
    ('{ x }', None)
    """

    def __init__(self, size: int = MAX_QUERIES) -> None:
        self.size = size
        self._queries: OrderedDict[str, str] = OrderedDict()

    def query_for(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The query to run: ``query`` itself without a ``persistedQuery`` extension; with one,
        the query its hash stands for (kept when ``query`` comes with it)."""
        asked = (extensions or {}).get("persistedQuery")
        if asked is None:
            return query
        digest = _hash_in(asked)
        if query is None:
            known = self._queries.get(digest)
            if known is None:
                raise NotPersisted
            self._queries.move_to_end(digest)
            return known
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise InvalidInput(
                "the persistedQuery's sha256Hash is not the SHA-256 of the query sent with it",
                hint="hash the exact query text (UTF-8), lower-case hex", field="sha256Hash",
            )  # fmt: skip
        if len(query) <= MAX_QUERY_CHARS:
            self._queries[digest] = query
            self._queries.move_to_end(digest)
            while len(self._queries) > self.size:
                self._queries.popitem(last=False)
        return query


def _hash_in(asked: object) -> str:
    """The lower-case hex hash of a ``persistedQuery`` extension, or what is wrong with it."""
    if not isinstance(asked, dict) or asked.get("version") != 1:
        raise InvalidInput(
            "persistedQuery must be {\"version\": 1, \"sha256Hash\": \"…\"}",
            hint="only version 1 of automatic persisted queries is spoken", field="persistedQuery",
        )  # fmt: skip
    digest = asked.get("sha256Hash")
    if not (isinstance(digest, str) and len(digest) == 64):
        raise InvalidInput(
            "persistedQuery.sha256Hash must be 64 hex digits", hint="send the query's SHA-256",
            field="sha256Hash",
        )  # fmt: skip
    return digest.lower()
