"""A small hand-made catalog and the blank enrichment pipeline built from it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from importers.nlp import (
    Catalog,
    CatalogEmployee,
    CatalogProduct,
    TextAnalysis,
    analyse,
    build_pipeline,
)

CATALOG = Catalog(
    products=(
        CatalogProduct(sku="SKU-GRN-01", name="Green Tee", brand="Rapport"),
        CatalogProduct(sku="TEE-M", name="Merino Tee", brand="Northwind"),
        CatalogProduct(sku="SKU-WOOL-SOCKS", name="Wool Socks"),
        CatalogProduct(sku="SKU-GRN-01-XL", name="Green Tee Long Sleeve", brand="Rapport"),
    ),
    employees=(
        CatalogEmployee(id="emp-eve", name="Eve Martin", handles=("eve_at_shop",)),
        CatalogEmployee(id="emp-sam", name="Sam Okafor"),
    ),
    brand_handles=("rapportshop",),
)

Analyse = Callable[..., TextAnalysis]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The blank pipeline (whatever model is installed) for :data:`CATALOG`."""
    return build_pipeline(CATALOG, model="blank:en")


@pytest.fixture(scope="session")
def one(nlp: Language) -> Analyse:
    """Analyse one text: ``one("text", brand=False)``."""

    def run(text: str, *, brand: bool = False) -> TextAnalysis:
        return next(analyse(nlp, [text], is_brand=[brand]))

    return run
