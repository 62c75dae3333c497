"""What the domains share: list bounds, text search, write results, input checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import strawberry
from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, SelectionNode

from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.errors import public_code
from api.graphql.threads import off_loop, reading
from graph import times
from graph.answers import activity
from graph.answers import search as listing
from graph.answers.paging import Page, Window, check_first
from graph.errors import InvalidInput, InvalidRecord, InvalidTransition, NotFound, RapportError
from graph.model import Node, Record
from graph.store.writes import write_atomically

T = TypeVar("T")


def short(info: AnyInfo, first: int) -> int:
    check_first(first, page_limit(info))
    return first


#: Fields of a node that need none of its stored properties.
_BARE = frozenset({"id", "key", "__typename"})


def _node_fields(
    selections: Sequence[SelectionNode], fragments: Mapping[str, FragmentDefinitionNode],
    under: tuple[str, ...],
) -> set[str] | None:  # fmt: skip
    """The names of the fields a connection's query selects on its nodes (``nodes { … }`` and
    ``edges { node { … } }``, through fragments); None when it cannot tell."""
    found: set[str] = set()
    for sel in selections:
        if isinstance(sel, FieldNode):
            name = sel.name.value
            if not under:
                found.add(name)
                continue
            if name != under[0]:
                continue
            inner, rest = sel.selection_set, under[1:]
        elif isinstance(sel, FragmentSpreadNode):  # a fragment: look inside
            fragment = fragments.get(sel.name.value)
            inner, rest = (fragment.selection_set if fragment else None), under
            if inner is None:
                return None
        else:
            inner, rest = sel.selection_set, under  # type: ignore[attr-defined]
        more = _node_fields(inner.selections if inner else (), fragments, rest)
        if more is None:
            return None
        found |= more
    return found


def _fields_under(info: AnyInfo, under: tuple[str, ...]) -> set[str] | None:
    """:func:`_node_fields` of this field's selection, read from graphql-core's syntax tree:
    Strawberry's ``info.selected_fields`` converts the whole selection, arguments and
    directives included, which was a twentieth of a page of customers' CPU."""
    raw = info._raw_info
    selections = [s for node in raw.field_nodes if node.selection_set
                  for s in node.selection_set.selections]  # fmt: skip
    return _node_fields(selections, raw.fragments, under)


def selected_fields(info: AnyInfo, under: tuple[str, ...] = ()) -> set[str] | None:
    """The names of the fields the query selects on this field's object (through fragments),
    or on the objects of the path ``under`` below it; None when it cannot tell."""
    return _fields_under(info, under)


def needs_no_properties(info: AnyInfo, relations: Collection[str]) -> set[str]:
    """The fields among ``relations`` the query selects on this field's object, when it selects
    no other field that reads the object's stored properties (only ``id``, ``key``,
    ``__typename``); empty otherwise, or when it cannot tell (then the object must be read)."""
    fields = _fields_under(info, ())
    if fields is None or fields - _BARE - set(relations):
        return set()
    return fields & set(relations)


def nodes_select(info: AnyInfo, name: str, under: tuple[str, ...] = ()) -> bool:
    """Whether a connection's query selects field ``name`` on its nodes (False when it cannot
    tell: then it is read when asked for); ``under`` names the connection below this field."""
    paths = ((*under, "nodes"), (*under, "edges", "node"))
    return any(name in (_fields_under(info, path) or ()) for path in paths)


def selected_keys(info: AnyInfo, keys: Sequence[str]) -> tuple[str, ...]:
    """The stored properties ``keys`` a connection's query selects on its nodes, when it selects
    nothing else (a field that is not a plain property may read any: then all ``keys``).

    The node types' plain fields are named as the stored properties they show."""
    fields = set()
    for path in (("nodes",), ("edges", "node")):
        found = _fields_under(info, path)
        if found is None:
            return tuple(keys)
        fields |= found
    if fields - _BARE - set(keys):
        return tuple(keys)
    return tuple(k for k in keys if k in fields)


async def search_page(
    info: AnyInfo, where: listing.Filter, search: str | None, order: str, w: Window,
    keys: Sequence[str],
) -> Page[tuple[str, dict[str, Any]]]:  # fmt: skip
    """One keyset page of a text search (customers, employees, products), with those of the
    properties ``keys`` the query selects (all of them when it selects more than plain
    properties)."""
    chosen = selected_keys(info, keys)
    return await reading(
        lambda r: listing.find(r, where, search=search, order=order, w=w, keys=chosen), repo(info)
    )


def search_counter(
    info: AnyInfo, where: listing.Filter, search: str | None
) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return await reading(lambda r: listing.count(r, where, search=search), repo(info))

    return count


@strawberry.type(description="Something wrong with a mutation's input, to show next to its field.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field at fault (email, lines[0].quantity); null: the input as a "
        "whole."
    )
    message: str = strawberry.field(description="What is wrong, for a person.")
    code: str = strawberry.field(
        description="From the error contract: BAD_USER_INPUT, or NOT_FOUND for a record the "
        "input names that does not exist."
    )
    hint: str | None = strawberry.field(description="How to fix it.")

    @classmethod
    def of(cls, exc: RapportError) -> UserError:
        """The user error of one of Rapport's input errors."""
        return cls(field=exc.field, message=exc.message, code=public_code(exc.code),
                   hint=exc.hint)  # fmt: skip


@strawberry.interface(
    description="What a mutation that writes records did: counts and the input's problems."
)
class WritePayload:
    created: int = strawberry.field(description="Records (nodes and relationships) created.")
    updated: int = strawberry.field(description="Records whose values changed.")
    user_errors: list[UserError] = strawberry.field(
        description="What was wrong with the input (nothing was written then)."
    )


#: The errors a mutation returns as ``userErrors`` (the rest stay top-level errors).
INPUT_ERRORS = (InvalidRecord, InvalidInput, InvalidTransition, NotFound)


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """A mutation's result, or the user errors that stopped it (nothing was written then)."""

    value: T | None
    user_errors: list[UserError]


async def attempt(action: Callable[[], Awaitable[T]]) -> Outcome[T]:
    """Run ``action``; an input error becomes a user error (see :data:`INPUT_ERRORS`)."""
    try:
        return Outcome(await action(), [])
    except INPUT_ERRORS as exc:
        return Outcome(None, [UserError.of(exc)])


@dataclasses.dataclass(frozen=True, slots=True)
class Written:
    """What one mutation wrote: the ids of its nodes, created and updated records."""

    ids: list[str]
    created: int
    updated: int


async def write(info: AnyInfo, make: Callable[[], list[Record]]) -> Outcome[Written]:
    """Build one mutation's records and write them in one transaction (writer role); a bad
    input or a missing record it names comes back as a user error."""
    info.context.require("writer")

    async def run() -> Written:
        records = make()
        summary = await off_loop(write_atomically, repo(info), records)
        ids = [r.id for r in records if isinstance(r, Node)]
        return Written(ids, summary.created, summary.updated)

    return await attempt(run)


SOURCE = "api"


def required_id(field: str, value: object) -> str:
    text = str(value or "").strip()
    if not text:
        raise InvalidRecord(f"{field} is empty", hint=f"give the {field}", field=field)
    if len(text) > 200:
        raise InvalidRecord(
            f"{field} is longer than 200 characters", hint="ids are short", field=field
        )
    return text


def moment(value: datetime | None) -> datetime:
    return times.to_utc(value) if value is not None else datetime.now(UTC)


def from_view(cls: type[T], view: Any, **changed: Any) -> T:
    """The GraphQL type ``cls`` built from a graph view: every field the two share is copied
    (ids and names stay one fact, kept in the view), then ``changed`` is set on top.

    >>> @dataclasses.dataclass
    ... class View:
    ...     id: str
    ...     name: str
    ...     secret: str
    >>> @dataclasses.dataclass
    ... class Type:
    ...     id: str
    ...     name: str
    ...     tags: list[str] = dataclasses.field(default_factory=list)
    >>> from_view(Type, View("c1", "Ann", "x"), name="Ann L.")
    Type(id='c1', name='Ann L.', tags=[])
    >>> from_view(Type, View("c1", "Ann", "x"), nick="A")
    Traceback (most recent call last):
    TypeError: Type.__init__() got an unexpected keyword argument 'nick'
    """
    plan = _plans.get((cls, type(view)))
    if plan is None:
        plan = _plans[(cls, type(view))] = _Plan.of(cls, type(view))
    if plan.direct and changed.keys() <= plan.fields and plan.needed <= changed.keys():
        # The dataclass __init__ only assigns: fill the instance's dict at once (a page of
        # customers spent more in fifteen-argument __init__ calls than in reading them).
        made = object.__new__(cls)
        values = made.__dict__
        values.update(plan.defaults)
        for name in plan.shared:
            values[name] = getattr(view, name)
        values.update(changed)
        for name, factory in plan.factories:
            if name not in values:
                values[name] = factory()
        return made
    values = {name: getattr(view, name) for name in plan.shared}
    values.update(changed)
    return cls(**values)


@dataclasses.dataclass(frozen=True, slots=True)
class _Plan:
    """How to build one GraphQL type from one view type (worked out once per pair of types:
    ``dataclasses.fields`` on every item was a tenth of a page's CPU)."""

    shared: tuple[str, ...]  # the fields the type takes that the view holds
    fields: frozenset[str]  # every field its __init__ takes
    needed: frozenset[str]  # fields without a default the view does not hold
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    direct: bool  # a plain dataclass: its __init__ only assigns

    @classmethod
    def of(cls, kind: type, view: type) -> _Plan:
        init = [f for f in dataclasses.fields(kind) if f.init]
        names = {f.name for f in init}
        shared = tuple(f.name for f in dataclasses.fields(view) if f.name in names)
        no_default = {f.name for f in init if f.default is dataclasses.MISSING
                      and f.default_factory is dataclasses.MISSING}  # fmt: skip
        return cls(
            shared=shared,
            fields=frozenset(names),
            needed=frozenset(no_default - set(shared)),
            defaults={f.name: f.default for f in init if f.default is not dataclasses.MISSING},
            factories=tuple(
                (f.name, f.default_factory)
                for f in init
                if f.default_factory is not dataclasses.MISSING
            ),
            direct=(
                not hasattr(kind, "__post_init__")
                and not hasattr(kind, "__slots__")
                and not kind.__dataclass_params__.frozen  # type: ignore[attr-defined]
                # Fields out of __init__ (resolvers) are left alone by it, unless with a default.
                and all(
                    f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                    for f in dataclasses.fields(kind)
                    if not f.init
                )
            ),
        )


_plans: dict[tuple[type, type], _Plan] = {}


def counts(done: Outcome[Written]) -> dict[str, Any]:
    """The created/updated counts and user errors every write payload carries."""
    value = done.value
    return {
        "created": value.created if value else 0,
        "updated": value.updated if value else 0,
        "user_errors": done.user_errors,
    }


async def stored(info: AnyInfo, label: str, done: Outcome[Written]) -> Any:
    """The view of the first node a write wrote (an account, purchase, post or interaction)."""
    if done.value is None:
        return None
    key = done.value.ids[0]
    return (await off_loop(activity.by_ids, repo(info), label, [key])).get(key)
