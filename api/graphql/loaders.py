"""Per-request DataLoaders: every field that reads related data asks through one of these.

A loader gathers the keys asked for in one tick of the event loop (all the customers of a page,
say) and answers them with one batched read from ``graph.answers`` or :mod:`graph.store.reads`, run
in a worker thread. So the database round trips of a request grow with the depth of the query,
never with the number of items on a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from api.graphql.threads import reading
from graph.analytics.recommend import Recommendation
from graph.answers import activity, customers, handoff, influencers, products
from graph.answers.customers import CustomerProfile, EmployeeWarmth
from graph.answers.handoff import CustomerWarmth, EmployeeView
from graph.answers.influencers import InfluenceLink
from graph.answers.products import ProductView
from graph.store import reads
from graph.store.repository import Read, Repository

K = TypeVar("K")
V = TypeVar("V")

#: What a node's loader answers for an id the graph does not hold.
_NO_NODE: Any = None

# Per-customer lists are read whole and cut in the resolver; this caps what one batch keeps.
MOST = 1000


def _loader(
    repository: Repository,
    read: Callable[[Repository, list[K]], dict[K, V]],
    missing: V,
    present: set[K] | None = None,
) -> DataLoader[K, V]:
    """A DataLoader answering each batch of keys with one ``read`` (awaited on the event loop
    where it can be: :func:`~api.graphql.threads.reading`).

    ``read`` leaves out the keys the graph does not hold; those it answers are added to
    ``present``, so a resolver knows a node exists without reading it again."""

    async def load(keys: Sequence[K]) -> list[V]:
        found = await reading(read, repository, list(keys))
        if present is not None:
            present.update(found)
        return [found.get(k, missing) for k in keys]

    return DataLoader(load_fn=load)


def _together(repository: Repository, planned: list[Read]) -> list[list[Any]]:
    return repository.read_together(planned)


def _nodes(
    label: str, make: Callable[[str, dict[str, Any]], V], keys: Sequence[str]
) -> Callable[..., dict[str, V]]:
    """Nodes by id, made from properties ``keys`` only (what the view holds: no bookkeeping
    such as ``updatedAt`` decoded for nothing)."""

    def read(repository: Repository, ids: list[str]) -> dict[str, V]:
        found = reads.values_by_ids(repository, label, ids, keys)
        return {i: make(i, p) for i, p in found.items()}

    return read


def _warmest(repo: Repository, ids: list[str]) -> dict[str, list[EmployeeWarmth]]:
    return customers.warmest_employees_of(repo, ids, first=MOST)


def _influencers(repo: Repository, ids: list[str]) -> dict[str, list[InfluenceLink]]:
    return influencers.influence_links_of(repo, ids, inbound=True, first=MOST)


def _influenced(repo: Repository, ids: list[str]) -> dict[str, list[InfluenceLink]]:
    return influencers.influence_links_of(repo, ids, inbound=False, first=MOST)


def _recommendations(repo: Repository, ids: list[str]) -> dict[str, list[Recommendation]]:
    return products.recommendations_of(repo, ids, first=MOST)


#: The read behind each loader of a customer's data, by the loader's name: what
#: :meth:`Loaders.read_ahead` plans from.
CUSTOMER_READS: dict[str, Callable[[Repository, list[str]], Any]] = {
    "customer": _nodes("Customer", CustomerProfile.of, CustomerProfile.KEYS),
    "accounts": activity.accounts_of,
    "purchases": activity.purchases_of,
    "purchases_with_lines": activity.purchases_with_lines_of,
    "posts": activity.posts_of,
    "interactions": activity.interactions_of,
    "warmest": _warmest,
    "influencers": _influencers,
    "influenced": _influenced,
    "recommendations": _recommendations,
}


class Loaders:
    """The DataLoaders of one request (a fresh set per request: no stale cache across them),
    each made when a field first asks for it: most requests use one or two of them."""

    def __init__(self, repository: Repository) -> None:
        #: The request's own copy: it answers the reads :meth:`read_ahead` gathered.
        self.r = repository.for_request()
        #: Customers and products this request's reads found in the graph.
        self.customers_seen: set[str] = set()
        self.products_seen: set[str] = set()
        #: Purchases' lines read with the purchases (:attr:`purchases_with_lines`): a purchase's
        #: ``lines`` field answers from here without an await, else through :attr:`lines`.
        self.lines_read: dict[str, list[activity.LineView]] = {}

    @cached_property
    def customer(self) -> DataLoader[str, CustomerProfile | None]:
        return _loader(self.r, CUSTOMER_READS["customer"], _NO_NODE, self.customers_seen)

    @cached_property
    def employee(self) -> DataLoader[str, EmployeeView | None]:
        return _loader(self.r, _nodes("Employee", EmployeeView.of, EmployeeView.KEYS), _NO_NODE)

    @cached_property
    def product(self) -> DataLoader[str, ProductView | None]:
        read = _nodes("Product", ProductView.of, ProductView.KEYS)
        return _loader(self.r, read, _NO_NODE, self.products_seen)

    @cached_property
    def accounts(self) -> DataLoader[str, list[activity.AccountView]]:
        return _loader(self.r, CUSTOMER_READS["accounts"], [], self.customers_seen)

    @cached_property
    def purchases(self) -> DataLoader[str, list[activity.PurchaseView]]:
        return _loader(self.r, CUSTOMER_READS["purchases"], [], self.customers_seen)

    @cached_property
    def purchases_with_lines(self) -> DataLoader[str, list[activity.PurchaseView]]:
        """Purchases as :attr:`purchases` has them, read with their lines, which it keeps in
        :attr:`lines_read`: a query for purchases and their lines costs one read."""

        async def load(keys: Sequence[str]) -> list[list[activity.PurchaseView]]:
            read = CUSTOMER_READS["purchases_with_lines"]
            found, lines = await reading(read, self.r, list(keys))
            self.customers_seen.update(found)
            self.lines_read.update(lines)
            return [found.get(k, []) for k in keys]

        return DataLoader(load_fn=load)

    def purchases_read(self) -> DataLoader[str, list[activity.PurchaseView]]:
        """The purchases' loader for a field that needs no lines (the timeline): the one with
        lines when a field before it in this request reads through that (a customer 360 asks
        for both: the same purchases, one read less)."""
        if "purchases_with_lines" in self.__dict__:  # made: a cached_property is in __dict__
            return self.purchases_with_lines
        return self.purchases

    @cached_property
    def lines(self) -> DataLoader[str, list[activity.LineView]]:
        return _loader(self.r, activity.purchase_lines_of, [])

    @cached_property
    def posts(self) -> DataLoader[str, list[activity.PostView]]:
        return _loader(self.r, CUSTOMER_READS["posts"], [], self.customers_seen)

    @cached_property
    def interactions(self) -> DataLoader[str, list[activity.InteractionView]]:
        return _loader(self.r, CUSTOMER_READS["interactions"], [], self.customers_seen)

    @cached_property
    def warmest(self) -> DataLoader[str, list[EmployeeWarmth]]:
        return _loader(self.r, CUSTOMER_READS["warmest"], [], self.customers_seen)

    @cached_property
    def influencers(self) -> DataLoader[str, list[InfluenceLink]]:
        return _loader(self.r, CUSTOMER_READS["influencers"], [])

    @cached_property
    def influenced(self) -> DataLoader[str, list[InfluenceLink]]:
        return _loader(self.r, CUSTOMER_READS["influenced"], [])

    @cached_property
    def employee_customers(self) -> DataLoader[str, list[CustomerWarmth]]:
        return _loader(self.r, handoff.employee_customers_of, [])

    @cached_property
    def related(self) -> DataLoader[str, list[products.RelatedProduct]]:
        def read(repo: Repository, ids: list[str]) -> dict[str, list[products.RelatedProduct]]:
            return products.related_products_of(repo, ids, first=MOST)

        return _loader(self.r, read, [], self.products_seen)

    @cached_property
    def recommendations(self) -> DataLoader[str, list[Recommendation]]:
        return _loader(self.r, CUSTOMER_READS["recommendations"], [])

    async def read_ahead(self, names: Sequence[str], keys: list[str]) -> None:
        """Run the first read each loader of ``names`` (:data:`CUSTOMER_READS`) will make for
        customers ``keys`` (as its batch will hold them) now, all in one statement: the loaders
        are then answered from it.

        A customer 360 asks eight reads of one customer; sent one by one their overhead, not
        the reads, was most of the time (see :mod:`graph.store.together`). The loaders are made
        here, so that :meth:`purchases_read` knows of the one with lines."""
        if len(names) < 2 or not keys:
            return
        planned = []
        for name in names:
            getattr(self, name)
            found = self.r.first_read(CUSTOMER_READS[name], keys)
            if found is not None:
                planned.append(found)
        if len(planned) > 1:
            self.r.answer_ahead(planned, await reading(_together, self.r, planned))
