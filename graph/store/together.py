"""Several read statements sent as one: each runs in its own subquery and comes back collected.

A customer 360 asks eight independent reads of one customer (the customer, accounts, purchases
with lines, posts, interactions, warmth, influencers both ways). Sent one by one, each costs a
Bolt exchange, a driver session and a worker thread; measured at 100k customers that overhead,
not the reads, was most of the time: eight statements took 5.8 ms of the API's CPU and 10.3 ms
of Neo4j's a request, the same reads as one statement 0.8 ms and 2.9 ms (embedded: 3.5 and
5.9 ms against 0.5 and 2.2 ms).

:func:`composite` writes the statement: every read in a ``CALL () { … }`` subquery whose rows are
collected as lists in a subquery around it (one row whatever it finds), its parameters renamed so
that reads never share one by accident. Both
engines run it (ArcadeDB and Neo4j 5; ``CALL ()`` is the scope clause Neo4j 5.26 asks for).
:func:`split` turns its one row back into each read's rows, as :meth:`Repository.read` returns
them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["NotCombinable", "columns", "composite", "split"]

Row = dict[str, Any]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TAIL = re.compile(r"\s(ORDER\s+BY|SKIP|LIMIT)\s", re.IGNORECASE)


class NotCombinable(ValueError):
    """A statement whose result columns cannot be told from its text (it runs on its own)."""


def _outside_strings(text: str) -> list[bool]:
    """For each character of ``text``: whether it is code (not inside a quoted literal)."""
    code, quote, escaped = [], "", False
    for ch in text:
        if quote:
            code.append(False)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
        else:
            code.append(ch not in "'\"`")
            if ch in "'\"`":
                quote = ch
    return code


def rename_parameters(text: str, prefix: str) -> str:
    """``text`` with every ``$name`` outside string literals renamed ``$<prefix>name``.

    >>> from graph.store.cypher import load  # the statements of cypher/
    >>> rename_parameters("$id, '$id', $keys", "r0_")  # a quoted $ is text, not a parameter
    "$r0_id, '$id', $r0_keys"
    >>> print(rename_parameters(load("read/customer_values_by_ids").text, "r0_"))
    UNWIND $r0_ids AS i
    MATCH (n:Customer {id: i})
    RETURN n.id AS id, [k IN $r0_keys | n[k]] AS values
    """
    code = _outside_strings(text)
    out, i = [], 0
    while i < len(text):
        if text[i] == "$" and code[i] and (word := _WORD.match(text, i + 1)):
            out.append("$" + prefix + word.group())
            i = word.end()
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _top_level(text: str) -> list[bool]:
    """For each character: whether it is code at bracket depth 0."""
    code = _outside_strings(text)
    depth, flags = 0, []
    for ch, is_code in zip(text, code, strict=True):
        if is_code and ch in "([{":
            depth += 1
        flags.append(is_code and depth == 0)
        if is_code and ch in ")]}":
            depth -= 1
    return flags


@functools.lru_cache(maxsize=512)  # statements are the files' texts: a few hundred
def columns(text: str) -> tuple[str, ...]:
    """The names of the columns statement ``text`` returns, from its last ``RETURN``.

    >>> from graph.store.cypher import load  # the statements of cypher/
    >>> columns(load("read/customer_values_by_ids").text)
    ('id', 'values')
    >>> columns(load("questions/best_sellers").text)  # up to its ORDER BY
    ('product', 'sold')
    >>> columns(load("schema/index_customer_email").text)
    Traceback (most recent call last):
    graph.store.together.NotCombinable: the statement has no single final RETURN
    """
    top = _top_level(text)
    starts = [m.start() for m in re.finditer(r"\bRETURN\b", text, re.IGNORECASE) if top[m.start()]]
    if not starts or re.search(r"\bUNION\b", text, re.IGNORECASE):
        raise NotCombinable("the statement has no single final RETURN")
    begin = starts[-1] + len("RETURN")
    tail = next((m.start() for m in _TAIL.finditer(text, begin) if top[m.start() + 1]), len(text))
    clause = text[begin:tail].strip()
    if clause.upper().startswith("DISTINCT "):
        clause = clause[len("DISTINCT ") :]
    top = _top_level(clause)
    parts, start = [], 0
    for i, ch in enumerate(clause):
        if ch == "," and top[i]:
            parts.append(clause[start:i])
            start = i + 1
    parts.append(clause[start:])
    names = []
    for part in (p.strip() for p in parts):
        alias = re.search(r"\sAS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$", part, re.IGNORECASE)
        name = alias.group(1) if alias else part
        if not _WORD.fullmatch(name):
            raise NotCombinable(f"column {part!r} has no name (give it one with AS)")
        names.append(name)
    return tuple(names)


def composite(reads: Sequence[tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    """One statement running each ``(text, parameters)`` of ``reads``, and its parameters: one
    row whose column ``r<i>`` lists read i's rows (each a list of its columns, in order).

    >>> from graph.store.cypher import load  # the statements of cypher/
    >>> text, params = composite([(load("questions/best_sellers").text, {"limit": 5}),
    ...                           (load("activity/accounts_of").text, {"ids": ["c1"]})])
    >>> text.count("CALL () { CALL () {"), text.splitlines()[-1]
    (2, 'RETURN r0, r1')
    >>> "collect([product, sold]) AS r0" in text  # each read collected in a subquery of its own
    True
    >>> params
    {'r0_limit': 5, 'r1_ids': ['c1']}
    """
    params = {f"r{i}_{k}": v for i, (_, own) in enumerate(reads) for k, v in own.items()}
    return _statement(tuple(text for text, _ in reads)), params


# An API request combines the same few statements each time: writing their text again (the
# character scans of the renaming) was 2.6 ms of a recommendation's CPU, profiled.
@functools.lru_cache(maxsize=512)
def _statement(texts: tuple[str, ...]) -> str:
    """The text of :func:`composite` for statements ``texts``."""
    parts: list[str] = []
    for i, text in enumerate(texts):
        # Collected inside a subquery of its own, which returns one row whatever the read finds
        # (collected after it, grouped by the lists before, no rows would leave no row at all).
        inner, listed = rename_parameters(text.strip(), f"r{i}_"), ", ".join(columns(text))
        parts.append(f"CALL () {{ CALL () {{ {inner} }} RETURN collect([{listed}]) AS r{i} }}")
    parts.append("RETURN " + ", ".join(f"r{i}" for i in range(len(texts))))
    return "\n".join(parts)


def split(texts: Sequence[str], row: Row) -> list[list[Row]]:
    """Each read's rows from the one row of its :func:`composite`, as dicts by column name.

    >>> from graph.store.cypher import load  # the statements of cypher/
    >>> texts = [load("questions/best_sellers").text, load("read/customer_values_by_ids").text]
    >>> split(texts, {"r0": [["SKU-1", 12]], "r1": []})
    [[{'product': 'SKU-1', 'sold': 12}], []]
    """
    out = []
    for i, text in enumerate(texts):
        names = columns(text)
        out.append([dict(zip(names, values, strict=True)) for values in row[f"r{i}"]])
    return out
