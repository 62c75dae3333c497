"""NLP enrichment of social posts, as registered spaCy components (pure: no database access).

Build a pipeline once from the catalog, then stream posts through it:

>>> from importers.nlp import Catalog, CatalogProduct, analyse, build_pipeline
>>> nlp = build_pipeline(Catalog(products=(CatalogProduct(sku="SKU-GRN-01", name="Green Tee"),)))
>>> [a.products for a in analyse(nlp, ["Where can I get the green tee?"])]
[('SKU-GRN-01',)]

Components, one module each, in pipeline order: ``social`` (mentions, hashtags, URLs,
emoji), ``catalog`` (products, brands, employees), ``sentiment`` (VADER, through the faster
but identical ``vader``), ``intent`` (intent and social-CRM category, reading the phrase lists
of ``cues``), ``topics``. ``annotations`` keeps what they find behind the ``doc._``
extensions; ``pipeline`` builds and runs the whole.
"""

from __future__ import annotations

from importers.nlp.catalog import Catalog, CatalogEmployee, CatalogProduct
from importers.nlp.pipeline import TextAnalysis, analyse, build_pipeline

__all__ = [
    "Catalog",
    "CatalogEmployee",
    "CatalogProduct",
    "TextAnalysis",
    "analyse",
    "build_pipeline",
]
