"""Global object identification (the Relay convention): the ``Node`` interface, ``node(id:)`` and
``nodes(ids:)``.

Every object with an identity has an ``id`` unique across types — the base64 of
``"<Type>:<key>"``, opaque to clients, as Relay's ``toGlobalId`` writes it — and keeps its own
``key`` (``c000042``, ``SKU-GRN-SHIRT``, ``twitter:ann_l``) for people, the CLI and Cypher. The
single-object lookups (``customer(id:)``…) take either.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from typing import Annotated

import strawberry

from api.graphql.context import AnyInfo, page_limit, repo
from api.graphql.threads import off_loop
from graph.answers import activity, alert_queue
from graph.errors import InvalidInput, NotFound

#: The types that implement Node (their GraphQL names).
NODE_TYPES = (
    "Customer", "Employee", "Product", "Purchase", "Post", "SocialAccount", "Alert", "Interaction",
)  # fmt: skip


def to_global_id(type_name: str, key: str) -> str:
    """The global id of the ``type_name`` object whose own key is ``key``.

    >>> to_global_id("Customer", "c000042")
    'Q3VzdG9tZXI6YzAwMDA0Mg=='
    """
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def from_global_id(value: str) -> tuple[str, str] | None:
    """(type, key) of a global id, or ``None`` when ``value`` is not one (it may be a key).

    >>> from_global_id("Q3VzdG9tZXI6YzAwMDA0Mg==")
    ('Customer', 'c000042')
    >>> from_global_id("c000042") is None
    True
    """
    if len(value) > 400:
        return None
    try:
        text = base64.b64decode(value.encode(), validate=True).decode()
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, _, key = text.partition(":")
    return (type_name, key) if type_name in NODE_TYPES and key else None


def key_of(value: object, type_name: str, field: str = "id") -> str:
    """The own key an argument names: a global id of ``type_name``, or the key itself.

    >>> key_of("Q3VzdG9tZXI6YzAwMDA0Mg==", "Customer"), key_of("c000042", "Customer")
    ('c000042', 'c000042')
    >>> key_of("Q3VzdG9tZXI6YzAwMDA0Mg==", "Product")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidInput: id is the id of a Customer, not of a Product (hint: pass a \
Product's id or key)
    """
    text = str(value)
    found = from_global_id(text)
    if found is None:
        return text
    kind, key = found
    if kind != type_name:
        raise InvalidInput(
            f"{field} is the id of a {kind}, not of a {type_name}",
            hint=f"pass a {type_name}'s id or key",
            field=field,
        )
    return key


@strawberry.interface(
    description="An object with an id unique across all types: refetch it with node(id:)."
)
class Node:
    """The interface; each implementing type keeps its own key in its ``id`` attribute."""

    @strawberry.field(
        name="id",
        description="The global id: opaque, unique across types, stable. The record's own id is "
        "`key`.",
    )
    def global_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(type(self).__name__, str(getattr(self, "id", ""))))


def key_field(example: str) -> strawberry.ID:
    """The ``key`` field: the record's own id (its ``id`` attribute in Python)."""
    return strawberry.field(  # type: ignore[no-any-return]
        name="key",
        description=f"The record's own id in the graph ({example}): what imports, the CLI and "
        "Cypher use.",
    )


async def resolve_node(info: AnyInfo, type_name: str, key: str) -> Node | None:
    """The object a global id names, or ``None`` when there is none."""
    # Imported here: the domain modules import this one for Node.
    from api.graphql import activity as gql_activity
    from api.graphql.alerts import Alert
    from api.graphql.refs import load_customer, load_employee, load_product

    if type_name == "Customer":
        return await load_customer(info, key)
    if type_name == "Employee":
        return await load_employee(info, key)
    if type_name == "Product":
        return await load_product(info, key)
    if type_name == "Alert":
        try:
            return Alert.of(await off_loop(alert_queue.get_alert, repo(info), key))
        except NotFound:
            return None
    found = (await off_loop(activity.by_ids, repo(info), type_name, [key])).get(key)
    if found is None:
        return None
    made: Node = getattr(gql_activity, type_name).of(found)
    return made


@strawberry.type(name="Query")
class NodeQuery:
    @strawberry.field(
        description="Any object by its global id (null and a NOT_FOUND error when there is none)."
    )
    async def node(
        self,
        info: AnyInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id (`id`).")],
    ) -> Node | None:
        found = from_global_id(str(id))
        if found is None:
            raise InvalidInput(
                "id is not a global id", hint="pass an object's `id` (not its `key`)", field="id"
            )
        obj = await resolve_node(info, *found)
        if obj is None:
            raise NotFound(f"no {found[0]} {found[1]!r}", hint="the object may have been deleted")
        return obj

    @strawberry.field(
        description="Objects by their global ids, in the order given (null for an id naming none)."
    )
    async def nodes(
        self,
        info: AnyInfo,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global ids.")],
    ) -> list[Node | None]:
        if not 1 <= len(ids) <= page_limit(info):
            raise InvalidInput(
                f"ids must hold 1..{page_limit(info)} global ids, got {len(ids)}",
                hint="ask for the rest in another request", field="ids",
            )  # fmt: skip
        names = [from_global_id(str(i)) for i in ids]
        return list(
            await asyncio.gather(*(resolve_node(info, *n) if n else _none() for n in names))
        )


async def _none() -> None:
    return None
