"""The catalog as a post sees it: products, brands and employees named in the text.

Defines the plain :class:`Catalog` handed over by the graph, and the ``rapport_catalog``
component that finds its entries in a post, case-insensitively:

- product names (``PhraseMatcher`` on lower-cased tokens) and SKUs (looked up on the text, so
  "sku-grn-01." matches "SKU-GRN-01" however the tokenizer splits it) -> entity ``PRODUCT``
  with ``ent_id_`` = SKU;
- brand names (``CatalogProduct.brand``) -> entity ``BRAND``, ``ent_id_`` = brand as written;
- employee full names, and @mentions of their handles -> entity ``EMPLOYEE``, ``ent_id_`` = id.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("rapport_social")  # doctest: +ELLIPSIS
<function ...>
>>> ruler = nlp.add_pipe("rapport_catalog")
>>> ruler.set_catalog(Catalog(products=(CatalogProduct(sku="SKU-GRN-01", name="Green Tee"),)))
>>> doc = nlp("my green tee and sku-grn-01.")
>>> [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]
[('green tee', 'PRODUCT', 'SKU-GRN-01'), ('sku-grn-01', 'PRODUCT', 'SKU-GRN-01')]
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from importers.nlp.annotations import annotations_of, doc_text, read, register
from importers.nlp.social import MENTION_RE, unique

__all__ = [
    "BRAND",
    "EMPLOYEE",
    "PRODUCT",
    "Catalog",
    "CatalogEmployee",
    "CatalogMatcher",
    "CatalogProduct",
]

PRODUCT = "PRODUCT"
BRAND = "BRAND"
EMPLOYEE = "EMPLOYEE"
_PREFIX_LENGTH = 3
_MAX_PREFIXES = 8
_JOINED_WORD_RE = re.compile(r"[\w.-]+")
_JOINED_BEFORE_RE = re.compile(r"(?:\w|\w[.-])\Z")  # what may not precede a SKU
_EDGE_PUNCTUATION = string.punctuation + "\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb"

register("products", default=())
register("brands", default=())
register("employees", default=())


@dataclass(frozen=True, slots=True)
class CatalogProduct:
    """A product we sell, named in posts by its name or its SKU."""

    sku: str
    name: str
    brand: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogEmployee:
    """An employee, named in posts by full name or @mentioned by one of ``handles`` (no '@')."""

    id: str
    name: str
    handles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything a post may name: products (and their brands), employees, our brand accounts."""

    products: tuple[CatalogProduct, ...] = ()
    employees: tuple[CatalogEmployee, ...] = ()
    brand_handles: tuple[str, ...] = ()


def _phrases(catalog: Catalog) -> Iterator[tuple[str, str, str]]:
    """(label, phrase, id) of every name matched on tokens: product names (and SKUs holding a
    space), brands, employees' full names."""
    for product in catalog.products:
        yield PRODUCT, product.name, product.sku
        if len(product.sku.split()) > 1:
            yield PRODUCT, product.sku, product.sku
        if product.brand:
            yield BRAND, product.brand, product.brand
    for employee in catalog.employees:
        yield EMPLOYEE, employee.name, employee.id


class _SkuFinder:
    """SKUs (without whitespace) looked up on the raw text, whatever the tokenizer makes of them.

    The tokenizer splits "TEE-M." as "tee", "-", "m." but "TEE-M" as "tee", "-", "m", so token
    patterns would miss such SKUs at the end of a sentence. SKUs are found on the lower-cased
    text instead, as whole "joined words" (word characters, '-' and '.'): "TEE-M" is not found
    in "tee-m-grn".

    SKUs usually follow a scheme ("SKU-00042", "TS-RED-M"). When a few prefixes cover them all
    and they are joined words, one regex seeks those prefixes and reads the joined word after
    each. Otherwise the text is cut at whitespace, '/' and "'s", the pieces stripped of edge
    punctuation and intersected with the SKUs (set operations), and hits located.
    """

    def __init__(self, skus: Iterable[str]) -> None:
        self._skus: dict[str, str] = {}
        for sku in skus:
            if sku.strip():
                self._skus.setdefault(sku.lower(), sku)
        self._keys = frozenset(self._skus)
        prefixes = sorted({key[:_PREFIX_LENGTH] for key in self._keys}, key=len, reverse=True)
        joined = all(map(_JOINED_WORD_RE.fullmatch, self._keys))
        schemed = joined and len(prefixes) <= _MAX_PREFIXES
        self._prefix_re = (
            re.compile(f"(?:{'|'.join(map(re.escape, prefixes))})[\\w.-]*") if schemed else None
        )
        self._patterns: dict[str, re.Pattern[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._keys)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start char, end char, SKU) of each SKU in ``text``."""
        lowered = text.lower()
        if self._prefix_re is not None and len(lowered) == len(text):
            return self._find_by_prefix(self._prefix_re, lowered)
        if "/" in lowered or "'s" in lowered:
            lowered = lowered.replace("/", " ").replace("'s", " ")
        pieces = lowered.split()
        stripped = map(str.strip, pieces, repeat(_EDGE_PUNCTUATION))
        hits = self._keys.intersection(pieces) | self._keys.intersection(stripped)
        return [(m.start(), m.end(), self._skus[key]) for key in hits for m in self._at(key, text)]

    def _find_by_prefix(
        self, prefix_re: re.Pattern[str], lowered: str
    ) -> list[tuple[int, int, str]]:
        """The joined words that start with a SKU prefix and are SKUs (trailing '-.' aside)."""
        found = []
        for match in prefix_re.finditer(lowered):
            start = match.start()
            if _JOINED_BEFORE_RE.search(lowered, max(0, start - 2), start):
                continue  # the prefix is inside a longer word
            key = match.group()
            if key not in self._skus:
                key = key.rstrip("-.")
            if key in self._skus:
                found.append((start, start + len(key), self._skus[key]))
        return found

    def _at(self, key: str, text: str) -> Iterator[re.Match[str]]:
        """Occurrences of ``key`` in ``text`` that are not part of a longer joined word."""
        pattern = self._patterns.get(key)
        if pattern is None:
            body = re.escape(key)
            pattern = re.compile(rf"(?<!\w)(?<!\w[\-.]){body}(?![\-.]?\w)", re.IGNORECASE)
            self._patterns[key] = pattern
        return pattern.finditer(text)


class CatalogMatcher:
    """The ``rapport_catalog`` component; load entries with :meth:`set_catalog`.

    Assigns ``doc.ents`` (catalog entities win over overlapping entities of a statistical
    model), ``doc._.products`` (SKUs), ``doc._.brands`` (brand names as in the catalog, also when
    said inside a product name) and ``doc._.employees`` (ids), each in text order. Requires
    ``doc._.mentions``. The catalog is not saved with the pipeline: build it from the graph.
    """

    def __init__(self, nlp: Language, name: str = "rapport_catalog") -> None:
        self.name = name
        self._vocab = nlp.vocab
        self._make_doc: Callable[[str], Doc] = nlp.make_doc
        self.set_catalog(Catalog())

    def set_catalog(self, catalog: Catalog) -> None:
        """Replace the entries looked for with those of ``catalog``.

        One ``PhraseMatcher`` key per entry, so a match names its entry without reading tokens.
        When two entries share a phrase, the first one keeps it.
        """
        matcher = PhraseMatcher(self._vocab, attr="LOWER")
        entries: dict[int, tuple[str, str]] = {}
        patterns: dict[str, list[Doc]] = {}
        seen_phrases: set[tuple[str, str]] = set()
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for label, raw, ent_id in _phrases(catalog):
            # Matching is on lower-cased tokens: tokenising lower-cased phrases creates half
            # the vocabulary entries (the costly part of building for a large catalog).
            phrase = " ".join(raw.lower().split())
            if (label, phrase) in seen_phrases:
                continue  # e.g. the brand of every product: tokenise it once
            seen_phrases.add((label, phrase))
            pattern = self._make_doc(phrase)
            tokens = (label, tuple(token.lower_ for token in pattern))
            if tokens[1] and tokens not in seen:
                seen.add(tokens)
                key = f"{label}:{ent_id}"
                entries[self._vocab.strings.add(key)] = (label, ent_id)
                patterns.setdefault(key, []).append(pattern)
        for key, docs in patterns.items():
            matcher.add(key, docs)
        self._matcher = matcher
        self._entries = entries
        self._skus = _SkuFinder(p.sku for p in catalog.products if len(p.sku.split()) == 1)
        self._handles: dict[str, str] = {}
        for employee in catalog.employees:
            for handle in employee.handles:
                self._handles.setdefault(handle.lstrip("@").lower(), employee.id)

    def __call__(self, doc: Doc) -> Doc:
        """Find the catalog's entries in ``doc``; see the class docstring for what is set."""
        found = annotations_of(doc)
        spans, brands = self._name_spans(doc)
        handle_ids = [self._handles[m] for m in read(found, "mentions") if m in self._handles]
        if self._skus or handle_ids:
            spans += self._text_spans(doc, handle_ids)
        if not spans:
            return doc
        chosen = filter_spans(spans) if len(spans) > 1 else spans
        existing = doc.ents
        if existing:
            doc.ents = _merge(chosen, existing)
        else:
            doc.set_ents(chosen, default="unmodified")
        ids = [(span.label_, span.id_) for span in chosen]
        found["products"] = unique([ent_id for label, ent_id in ids if label == PRODUCT])
        found["brands"] = unique(brands)
        found["employees"] = unique([i for label, i in ids if label == EMPLOYEE] + handle_ids)
        return doc

    def _name_spans(self, doc: Doc) -> tuple[list[Span], list[str]]:
        """Entity spans of the names in ``doc``, and every brand named (even inside a name)."""
        spans: list[Span] = []
        brands: list[str] = []
        for match_id, start, end in self._matcher(doc):
            label, ent_id = self._entries[match_id]
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
            if label == BRAND:
                brands.append(ent_id)
        return spans, brands

    def _text_spans(self, doc: Doc, handle_ids: list[str]) -> list[Span]:
        """Entity spans of the SKUs and of the employees' @handles, found on the text."""
        text = doc_text(doc)
        found = [(start, end, PRODUCT, sku) for start, end, sku in self._skus.find(text)]
        if handle_ids:
            for m in MENTION_RE.finditer(text):
                employee_id = self._handles.get(m.group(1).lower())
                if employee_id is not None:
                    found.append((m.start(), m.end(), EMPLOYEE, employee_id))
        if not found:
            return []
        # Token starts, to turn character offsets into token offsets ("expand" alignment).
        # Doc.char_span would do it, but it rebuilds Doc.text on every call.
        starts = doc.to_array("IDX").tolist()
        spans = []
        for start, end, label, ent_id in found:
            first = bisect_right(starts, start) - 1
            stop = bisect_left(starts, end)
            if 0 <= first < stop:
                spans.append(Span(doc, first, stop, label=label, span_id=ent_id))
        return spans


def _merge(chosen: list[Span], existing: Sequence[Span]) -> list[Span]:
    """``chosen`` plus the ``existing`` entities that overlap none of them, in text order."""
    taken = {i for span in chosen for i in range(span.start, span.end)}
    kept = [s for s in existing if not any(i in taken for i in range(s.start, s.end))]
    return sorted(chosen + kept, key=lambda span: span.start)


@Language.factory(
    "rapport_catalog",
    assigns=["doc.ents", "doc._.products", "doc._.brands", "doc._.employees"],
    requires=["doc._.mentions"],
)
def make_catalog_matcher(nlp: Language, name: str) -> CatalogMatcher:
    """Create an empty ``rapport_catalog`` component (fill it with ``set_catalog``)."""
    return CatalogMatcher(nlp, name)
