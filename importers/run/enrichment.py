"""Enrichment during import: the NLP analysis of each post turned into properties and edges.

Posts get ``sentiment``, ``sentimentLabel``, ``intent`` and ``category``, and edges to what they
name: ``MENTIONS`` accounts, ``ABOUT`` catalog products, ``TAGGED`` topics. A brand reply is
attributed to the employee who wrote it — by the signature that closes it (``^AB``, see
``RAPPORT_SIGNATURE_PATTERN``) or because the posting account is the employee's own — as
``(Employee)-[:WROTE]->(Post)``. Interactions get the sentiment of their notes or e-mail text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from graph import model
from graph.model import Record
from graph.settings import Settings
from graph.store.repository import Repository
from importers.directory import Directory
from importers.formats.base import Item
from importers.nlp import Catalog, CatalogEmployee, CatalogProduct, analyse, build_pipeline
from importers.nlp.pipeline import TextAnalysis
from importers.nlp.sentiment import from_stars, label_for


def load_catalog(repository: Repository, directory: Directory, settings: Settings) -> Catalog:
    """The catalog the entity ruler matches: products, employees (with handles), brand handles."""
    products = tuple(
        CatalogProduct(sku=row["sku"], name=row["name"] or row["sku"], brand=row.get("brand"))
        for row in repository.read("read/catalog_products")
    )
    handles: dict[str, list[str]] = {}
    for account, employee in directory.employee_accounts.items():
        handles.setdefault(employee, []).append(account.split(":", 1)[-1])
    employees = tuple(
        CatalogEmployee(id=eid, name=name, handles=tuple(handles.get(eid, ())))
        for eid, name in sorted(directory.employee_names.items())
    )
    brands = tuple(a.split(":", 1)[-1] for a in settings.brand_accounts)
    return Catalog(products=products, employees=employees, brand_handles=brands)


class PostEnrichment:
    """Enriches the posts and interactions of import items, in batches."""

    def __init__(self, nlp: Any, directory: Directory, settings: Settings) -> None:
        self.nlp = nlp
        self.directory = directory
        self.brand_accounts = frozenset(settings.brand_accounts)
        self.signature = re.compile(settings.signature_pattern)

    @classmethod
    def from_graph(cls, repository: Repository, directory: Directory) -> PostEnrichment:
        """Build the pipeline from the graph's current catalog."""
        settings = repository.settings
        catalog = load_catalog(repository, directory, settings)
        return cls(build_pipeline(catalog, model=settings.nlp_model), directory, settings)

    def apply(self, items: list[Item]) -> None:
        """Replace each post and interaction with its enriched version; add the edges found."""
        jobs: list[tuple[Item, int, str | None]] = []
        texts: list[str] = []
        brand: list[bool] = []
        for item in items:
            for index, record in enumerate(item.records):
                if isinstance(record, model.Post) and record.text:
                    author = item.authors.get(record.id)
                    jobs.append((item, index, author))
                    texts.append(record.text)
                    brand.append(author in self.brand_accounts)
                elif isinstance(record, model.Interaction) and record.id in item.texts:
                    jobs.append((item, index, None))
                    texts.append(item.texts[record.id])
                    brand.append(False)
        for (item, index, author), found in zip(
            jobs, analyse(self.nlp, texts, is_brand=brand), strict=True
        ):
            record = item.records[index]
            if isinstance(record, model.Interaction):
                item.records[index] = replace(record, sentiment=round(found.sentiment, 4))
            elif isinstance(record, model.Post):
                sentiment, label = found.sentiment, found.sentiment_label
                if record.stars is not None:  # a rating decides; the words' score is kept
                    sentiment = from_stars(record.stars)
                    label = label_for(sentiment)
                item.records[index] = replace(
                    record,
                    sentiment=round(sentiment, 4),
                    sentiment_label=label,
                    text_sentiment=round(found.sentiment, 4),
                    intent=found.intent,
                    category=found.category,
                )
                item.records.extend(self._edges(record, found, author))

    def _edges(self, post: model.Post, found: TextAnalysis, author: str | None) -> list[Record]:
        source = post.source
        platform = post.platform or "twitter"
        edges: list[Record] = []
        if platform != "yelp":  # Yelp has no @handles
            for handle in found.mentions:
                account = model.SocialAccount.key(platform, handle)
                if account == author:
                    continue
                # A configured brand handle is ours even before we post (None: leave it be).
                ours = True if account in self.brand_accounts else None
                edges.append(model.SocialAccount(id=account, platform=platform, handle=handle,
                                                 is_brand=ours, source=source))  # fmt: skip
                edges.append(model.Mentions(start_id=post.id, end_id=account, source=source))
        edges += [
            model.About(start_id=post.id, end_id=sku, source=source) for sku in found.products
        ]
        for topic in found.topics:
            edges.append(model.Topic(id=topic, name=topic, source=source))
            edges.append(model.Tagged(start_id=post.id, end_id=topic, source=source))
        writer = self._writer(post, author)
        if writer is not None:
            edges.append(model.Wrote(start_id=writer, end_id=post.id, source=source))
        return edges

    def _writer(self, post: model.Post, author: str | None) -> str | None:
        """The employee who wrote ``post``: by signature on a brand post, or by their account."""
        if author is None:
            return None
        if author in self.brand_accounts:
            match = self.signature.search(post.text or "")
            if match:
                return self.directory.employee_signatures.get(match.group(1))
            return None
        return self.directory.employee_accounts.get(author)
