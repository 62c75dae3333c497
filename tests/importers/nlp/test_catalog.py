"""Products, brands and employees of the catalog found in posts."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Span

from importers.nlp import Catalog, CatalogEmployee, CatalogProduct, build_pipeline
from importers.nlp.catalog import CatalogMatcher
from tests.importers.nlp.conftest import Analyse


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(ent.text, ent.label_, ent.ent_id_) for ent in nlp(text).ents]


def test_product_by_name_any_case(one: Analyse) -> None:
    assert one("Just got the GREEN tee, lovely").products == ("SKU-GRN-01",)


def test_product_by_mixed_case_sku(one: Analyse) -> None:
    assert one("order sku-grn-01 arrived").products == ("SKU-GRN-01",)
    assert one("order Sku-Grn-01 arrived").products == ("SKU-GRN-01",)


def test_sku_at_the_end_of_a_sentence_or_in_brackets(one: Analyse) -> None:
    # The tokenizer keeps "m." together, so token patterns alone would miss "TEE-M."
    assert one("I got TEE-M.").products == ("TEE-M",)
    assert one("(tee-m) and sku-wool-socks, both").products == ("TEE-M", "SKU-WOOL-SOCKS")
    assert one("SKU-GRN-01's colour / tee-m/sku-wool-socks").products == (
        "SKU-GRN-01",
        "TEE-M",
        "SKU-WOOL-SOCKS",
    )


def test_a_sku_inside_a_longer_code_is_not_that_sku(one: Analyse) -> None:
    assert one("tee-m-grn and xsku-grn-01 are not ours").products == ()


def test_longest_product_name_wins_and_its_sku_is_reported(one: Analyse) -> None:
    assert one("the green tee long sleeve is warm").products == ("SKU-GRN-01-XL",)


def test_products_are_reported_once_in_text_order(one: Analyse) -> None:
    found = one("wool socks, then a Green Tee, then more WOOL SOCKS")
    assert found.products == ("SKU-WOOL-SOCKS", "SKU-GRN-01")


def test_brands_as_written_in_the_catalog(one: Analyse) -> None:
    assert one("rapport and NORTHWIND both").brands == ("Rapport", "Northwind")


def test_employee_by_full_name_and_by_handle(one: Analyse) -> None:
    assert one("eve martin helped me").employees == ("emp-eve",)
    assert one("thanks @Eve_At_Shop!").employees == ("emp-eve",)
    assert one("Sam Okafor and @eve_at_shop").employees == ("emp-sam", "emp-eve")


def test_first_name_alone_is_not_an_employee(one: Analyse) -> None:
    assert one("Eve said hi").employees == ()


def test_entities_carry_labels_and_ids(nlp: Language) -> None:
    assert _ents(nlp, "@eve_at_shop sold me Rapport sku-grn-01.") == [
        ("@eve_at_shop", "EMPLOYEE", "emp-eve"),
        ("Rapport", "BRAND", "Rapport"),
        ("sku-grn-01", "PRODUCT", "SKU-GRN-01"),
    ]


def test_overlapping_matches_leave_non_overlapping_entities(nlp: Language) -> None:
    # "Green Tee" and "Green Tee Long Sleeve" overlap: one entity, the longest.
    assert _ents(nlp, "my green tee long sleeve") == [
        ("green tee long sleeve", "PRODUCT", "SKU-GRN-01-XL")
    ]


def test_a_brand_inside_a_product_name_is_still_a_brand_mention() -> None:
    catalog = Catalog(products=(CatalogProduct(sku="R-1", name="Rapport Parka", brand="Rapport"),))
    nlp = build_pipeline(catalog, model="blank:en")
    doc = nlp("love my rapport parka")
    assert [(e.text, e.label_) for e in doc.ents] == [("rapport parka", "PRODUCT")]
    assert doc._.brands == ("Rapport",)


def test_two_products_with_one_name_the_first_keeps_it() -> None:
    catalog = Catalog(
        products=(CatalogProduct(sku="A-1", name="Parka"), CatalogProduct(sku="B-2", name="parka"))
    )
    nlp = build_pipeline(catalog, model="blank:en")
    assert nlp("a parka")._.products == ("A-1",)


def test_catalog_entities_replace_overlapping_existing_entities() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("rapport_social")
    matcher = nlp.add_pipe("rapport_catalog")
    assert isinstance(matcher, CatalogMatcher)
    matcher.set_catalog(Catalog(products=(CatalogProduct(sku="SKU-1", name="Green Tee"),)))
    doc = nlp.make_doc("Eve loves the Green Tee from Lyon")
    # As a statistical NER might: "Green" alone taken for an organisation.
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 3, 4, "ORG"), Span(doc, 6, 7, "GPE")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Eve", "PERSON"),
        ("Green Tee", "PRODUCT"),
        ("Lyon", "GPE"),
    ]


def test_a_large_catalog_finds_its_last_product_and_employee() -> None:
    catalog = Catalog(
        products=tuple(
            CatalogProduct(sku=f"P-{i:05d}", name=f"Model {i} Jacket", brand=f"Brand{i % 40}")
            for i in range(5000)
        ),
        employees=tuple(
            CatalogEmployee(id=f"e{i}", name=f"Person{i} Smith", handles=(f"staff{i}",))
            for i in range(200)
        ),
    )
    nlp = build_pipeline(catalog, model="blank:en")
    doc = nlp("p-04999 and the BRAND38 model 4998 jacket, thanks person199 smith and @staff7")
    assert doc._.products == ("P-04999", "P-04998")
    assert doc._.employees == ("e199", "e7")
    assert doc._.brands == ("Brand38",)


def test_an_empty_catalog_finds_nothing(one: Analyse) -> None:
    nlp = build_pipeline(Catalog(), model="blank:en")
    doc = nlp("green tee sku-grn-01 @eve_at_shop")
    assert (doc._.products, doc._.brands, doc._.employees, doc.ents) == ((), (), (), ())
