"""Per-request DataLoaders: every field that reads related data asks through one of these.

A loader gathers the keys asked for in one tick of the event loop (all the customers of a page,
say) and answers them with one batched read from ``graph.answers`` or :mod:`graph.store.reads`, run
in a worker thread. So the database round trips of a request grow with the depth of the query,
never with the number of items on a page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

from strawberry.dataloader import DataLoader

from graph.analytics.recommend import Recommendation
from graph.answers import activity, customers, handoff, influencers, products
from graph.answers.customers import CustomerProfile, EmployeeWarmth
from graph.answers.handoff import CustomerWarmth, EmployeeView
from graph.answers.influencers import InfluenceLink
from graph.answers.products import ProductView
from graph.store import reads
from graph.store.repository import Repository

P = ParamSpec("P")
R = TypeVar("R")
K = TypeVar("K")
V = TypeVar("V")

# Per-customer lists are read whole and cut in the resolver; this caps what one batch keeps.
MOST = 1000


async def off_loop(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run blocking ``fn`` (database I/O, analytics) in a worker thread."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def _loader(
    repository: Repository,
    read: Callable[[Repository, list[K]], dict[K, V]],
    missing: V,
    present: set[K] | None = None,
) -> DataLoader[K, V]:
    """A DataLoader answering each batch of keys with one ``read`` in a worker thread.

    ``read`` leaves out the keys the graph does not hold; those it answers are added to
    ``present``, so a resolver knows a node exists without reading it again."""

    async def load(keys: Sequence[K]) -> list[V]:
        found = await off_loop(read, repository, list(keys))
        if present is not None:
            present.update(found)
        return [found.get(k, missing) for k in keys]

    return DataLoader(load_fn=load)


def _nodes(
    label: str, make: Callable[[str, dict[str, Any]], V], keys: Sequence[str]
) -> Callable[..., dict[str, V]]:
    """Nodes by id, made from properties ``keys`` only (what the view holds: no bookkeeping
    such as ``updatedAt`` decoded for nothing)."""

    def read(repository: Repository, ids: list[str]) -> dict[str, V]:
        found = reads.values_by_ids(repository, label, ids, keys)
        return {i: make(i, p) for i, p in found.items()}

    return read


class Loaders:
    """The DataLoaders of one request (a fresh set per request: no stale cache across them)."""

    def __init__(self, repository: Repository) -> None:
        r = repository
        none: Any = None
        #: Customers and products this request's reads found in the graph.
        self.customers_seen: set[str] = set()
        self.products_seen: set[str] = set()
        c, p = self.customers_seen, self.products_seen
        self.customer: DataLoader[str, CustomerProfile | None] = _loader(
            r, _nodes("Customer", CustomerProfile.of, CustomerProfile.KEYS), none, c
        )
        self.employee: DataLoader[str, EmployeeView | None] = _loader(
            r, _nodes("Employee", EmployeeView.of, EmployeeView.KEYS), none
        )
        self.product: DataLoader[str, ProductView | None] = _loader(
            r, _nodes("Product", ProductView.of, ProductView.KEYS), none, p
        )
        self.accounts: DataLoader[str, list[activity.AccountView]] = _loader(
            r, activity.accounts_of, [], c
        )
        self.purchases: DataLoader[str, list[activity.PurchaseView]] = _loader(
            r, activity.purchases_of, [], c
        )
        self.lines: DataLoader[str, list[activity.LineView]] = _loader(
            r, activity.purchase_lines_of, []
        )
        self.posts: DataLoader[str, list[activity.PostView]] = _loader(r, activity.posts_of, [], c)
        self.interactions: DataLoader[str, list[activity.InteractionView]] = _loader(
            r, activity.interactions_of, [], c
        )
        self.warmest: DataLoader[str, list[EmployeeWarmth]] = _loader(
            r, lambda repo, ids: customers.warmest_employees_of(repo, ids, first=MOST), [], c
        )
        self.influencers: DataLoader[str, list[InfluenceLink]] = _loader(
            r,
            lambda repo, ids: influencers.influence_links_of(repo, ids, inbound=True, first=MOST),
            [],
        )
        self.influenced: DataLoader[str, list[InfluenceLink]] = _loader(
            r,
            lambda repo, ids: influencers.influence_links_of(repo, ids, inbound=False, first=MOST),
            [],
        )
        self.employee_customers: DataLoader[str, list[CustomerWarmth]] = _loader(
            r, handoff.employee_customers_of, []
        )
        self.related: DataLoader[str, list[products.RelatedProduct]] = _loader(
            r, lambda repo, ids: products.related_products_of(repo, ids, first=MOST), [], p
        )
        self.recommendations: DataLoader[str, list[Recommendation]] = _loader(
            r, lambda repo, ids: products.recommendations_of(repo, ids, first=MOST), []
        )
