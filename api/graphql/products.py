"""Products: the product type, what is bought with it, recommendations, search and upserts."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.common import (
    SOURCE,
    WritePayload,
    counts,
    required_id,
    search_counter,
    search_page,
    short,
    write,
)
from api.graphql.connections import (
    After,
    Before,
    Connection,
    Direction,
    First,
    Last,
    connection,
    descending,
)
from api.graphql.context import AnyInfo, page_limit
from api.graphql.enums import ReasonKind
from api.graphql.nodes import Node, key_field, key_of
from api.graphql.refs import ProductRef, load_product, product_of, root_product
from graph import model
from graph.analytics import recommend
from graph.answers import search as listing
from graph.answers.paging import window
from graph.answers.products import ProductView
from graph.errors import InvalidRecord, NotFound
from graph.model import Record


@strawberry.type(description="A product and what is bought with it.")
class Product(Node):
    id: strawberry.ID = key_field("SKU-GRN-SHIRT")
    name: str | None
    brand: str | None
    category: str | None
    price: float | None

    @classmethod
    def of(cls, p: ProductView) -> Product:
        """From the stored product."""
        return cls(
            id=strawberry.ID(p.id), name=p.name, brand=p.brand, category=p.category, price=p.price
        )

    @strawberry.field(
        description="Products bought with this one more often than chance, best first: only "
        "pairs significant after the false discovery rate (Fisher exact test), ranked by cosine "
        "with at most three of the shop's six best sellers before the others."
    )
    async def related_products(self, info: AnyInfo, first: int = 5) -> list[RelatedProduct]:
        found = await info.context.loaders.related.load(str(self.id))
        return [
            RelatedProduct(
                product_id=strawberry.ID(r.other), count=r.count, support=r.support,
                confidence=r.confidence, lift=r.lift, score=r.score, p_value=r.p_value,
                q_value=r.q_value, rank=r.rank, evidence=r.evidence, other_name=x.name,
            )
            for x in found[: short(info, first)]
            for r in (x.rule,)
        ]  # fmt: skip


@strawberry.type(description="Why a product is recommended.")
class Reason:
    kind: ReasonKind
    product_id: strawberry.ID | None
    person_id: strawberry.ID | None
    topic: str | None
    weight: float
    text: str


@strawberry.type(description="A product for a customer, its score and its reasons.")
class Recommendation:
    product_id: strawberry.ID
    score: float
    reasons: list[Reason]
    buy_again: bool = strawberry.field(
        description="The customer bought it before (a consumable, recommended again)."
    )

    @strawberry.field(description="The product recommended.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        return await product_of(info, self.product_id)

    @classmethod
    def of(cls, r: recommend.Recommendation) -> Recommendation:
        """From the analytics' answer."""
        return cls(
            product_id=strawberry.ID(r.product),
            score=r.score,
            buy_again=r.buy_again,
            reasons=[
                Reason(
                    kind=ReasonKind(x.kind),
                    product_id=strawberry.ID(x.product) if x.product else None,
                    person_id=strawberry.ID(x.person) if x.person else None,
                    topic=x.topic,
                    weight=x.weight,
                    text=x.text,
                )
                for x in r.reasons
            ],
        )


@strawberry.type(description="A product bought with another: how often and how far above chance.")
class RelatedProduct:
    product_id: strawberry.ID
    count: int = strawberry.field(description="Baskets holding both products.")
    support: float = strawberry.field(description="Share of all baskets holding both.")
    confidence: float = strawberry.field(
        description="Share of the baskets with this product that hold the other."
    )
    lift: float = strawberry.field(description="How many times more often than chance.")
    score: float = strawberry.field(
        description="Cosine of the two products' baskets: what the list is ranked by."
    )
    p_value: float = strawberry.field(
        description="One-sided Fisher exact test: chance of meeting this often by luck."
    )
    q_value: float = strawberry.field(
        description="The p-value adjusted for the many pairs tested (Benjamini-Hochberg)."
    )
    rank: int = strawberry.field(description="Place in the product's list (1 first).")
    evidence: str = strawberry.field(description="The counts and the test in one sentence.")

    @strawberry.field(description="The other product.")
    async def product(self, info: AnyInfo) -> ProductRef | None:
        return await product_of(info, self.product_id)

    other_name: strawberry.Private[str | None]  # read with the rule: no second read

    @strawberry.field(description="The other product's name.")
    def name(self) -> str | None:
        return self.other_name


@strawberry.enum(description="How to order products.")
class ProductOrder(Enum):
    NAME = "name"
    PRICE = "price"


@strawberry.input(description="Which products: every filter given must hold.")
class ProductFilter:
    category: str | None = None
    brand: str | None = None


@strawberry.input(description="A product to create or update; id is the SKU.")
class ProductInput:
    id: strawberry.ID
    name: str | None = None
    category: str | None = None
    brand: str | None = None
    price: float | None = None
    tags: list[str] | None = None

    def records(self) -> list[Record]:
        """The product node, and its category."""
        if self.price is not None and self.price < 0:
            raise InvalidRecord(
                f"price is negative ({self.price})", hint="prices are >= 0", field="price"
            )
        sku = required_id("id", self.id)
        found: list[Record] = [
            model.Product(
                id=sku,
                name=self.name,
                category=self.category,
                brand=self.brand,
                price=self.price,
                tags=tuple(self.tags) if self.tags is not None else None,
                source=SOURCE,
            )
        ]
        if self.category:
            found.append(model.Category(id=self.category, name=self.category, source=SOURCE))
            found.append(model.InCategory(start_id=sku, end_id=self.category, source=SOURCE))
        return found


@strawberry.type(description="What upsertProduct did.")
class UpsertProductPayload(WritePayload):
    product: Product | None = strawberry.field(
        description="The product as stored now (null when the input was refused)."
    )


@strawberry.type(name="Query")
class ProductQuery:
    @strawberry.field(description="One product by id (SKU).")
    async def product(
        self, info: AnyInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="Global id or SKU.")],
    ) -> Product | None:  # fmt: skip
        key = key_of(id, "Product")
        found = await root_product(info, key)
        if found is None:
            raise NotFound(f"no product {key!r}", hint="products are keyed by SKU")
        return found

    @strawberry.field(description="Products found by text (name, SKU, brand) and filters.")
    async def products(
        self, info: AnyInfo, search: str | None = None, filter: ProductFilter | None = None,
        order: ProductOrder = ProductOrder.NAME, direction: Direction = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> Connection[Product]:  # fmt: skip
        f = filter or ProductFilter()
        where = listing.ProductFilter(category=f.category, brand=f.brand)
        w = window(first, after, last, before, page_limit(info),
                   descending=descending(direction, listing.DESCENDING[order.value]))  # fmt: skip
        page = await search_page(info, where, search, order.value, w, ProductView.KEYS)
        return connection(page, lambda r: Product.of(ProductView.of(*r)),
                          search_counter(info, where, search))  # fmt: skip


@strawberry.type(name="Mutation")
class ProductMutation:
    @strawberry.mutation(description="Create or update a product (and its category).")
    async def upsert_product(self, info: AnyInfo, product: ProductInput) -> UpsertProductPayload:
        done = await write(info, product.records)
        found = await load_product(info, done.value.ids[0]) if done.value else None
        return UpsertProductPayload(product=found, **counts(done))
