"""Where the Rapport components keep what they learn about a doc, behind ``doc._`` extensions.

Each ``doc._.<name>`` of the package (``mentions``, ``sentiment``, ``intent``, ...) is a
getter/setter extension over one plain dict in ``doc.user_data`` (so docs still serialise).
``doc._.mentions`` reads and writes as any extension does, while the components, which make
some thirty reads and writes per post, use the dict: an ``Underscore`` access costs about a
microsecond, a dict access a few hundredths, and at thousands of posts per second that is a
fifth of the time.

>>> import spacy
>>> register("shout", default="")
>>> doc = spacy.blank("en")("hi")
>>> annotations_of(doc)["shout"] = "HI"
>>> doc._.shout
'HI'
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

__all__ = ["annotations_of", "complete", "doc_text", "read", "register", "remember_text"]

_KEY = "rapport"
_TEXT = "text"
_DEFAULTS: dict[str, Any] = {}


def annotations_of(doc: Doc) -> dict[str, Any]:
    """The Rapport annotations of ``doc``, by extension name (created empty on first use)."""
    found: dict[str, Any] | None = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = {}
    return found


def register(name: str, *, default: Any) -> None:
    """Register ``doc._.<name>`` over the doc's annotations (re-registering is harmless)."""
    _DEFAULTS[name] = default

    def getter(doc: Doc) -> Any:
        return doc.user_data.get(_KEY, {}).get(name, default)

    def setter(doc: Doc, value: Any) -> None:
        annotations_of(doc)[name] = value

    Doc.set_extension(name, getter=getter, setter=setter, force=True)


def read(found: dict[str, Any], name: str) -> Any:
    """The annotation ``name`` in ``found`` (see :func:`annotations_of`), or its default."""
    return found[name] if name in found else _DEFAULTS[name]


def complete(doc: Doc) -> dict[str, Any]:
    """All registered annotations of ``doc``, defaults filled in."""
    return {**_DEFAULTS, **annotations_of(doc)}


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, computed once per doc (``Doc.text`` rebuilds it on every call)."""
    found = annotations_of(doc)
    text = found.get(_TEXT)
    if not isinstance(text, str):
        text = found[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` as the text of ``doc``: the text it was made from, or one of the same
    length whose characters the tokenizer saw partly replaced by spaces."""
    annotations_of(doc)[_TEXT] = text
    return doc
