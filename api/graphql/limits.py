"""What one GraphQL request may cost, measured before it runs: depth, aliases and cost.

One walk over the operation, with every fragment measured once (memoised by name), so a
document whose fragments spread each other exponentially (``fragment F2 on Customer { ...F1
...F1 }``, 24 levels in under 200 tokens) is measured in microseconds and refused, instead of
being expanded. The **cost** is the number of objects the query could visit: each field counts
1, and a field's selections count as many times as the list it returns may hold (its ``first``,
``last`` or ``k`` argument, from the query, the variables or the argument's default). So
``customers(first: 100) { nodes { influences(first: 100) { customer { influences(first: 100)
{ ... } } } } }`` costs about a million and is refused, while a page of 20 customers with their
purchases and recommendations costs a few thousand.

Refusals are :class:`QueryTooCostly` (``COST_LIMIT``), saying the measure and the limit.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

from graph.errors import RapportError

LIST_ARGUMENTS = ("first", "last", "k")


class QueryTooCostly(RapportError):
    """A query deeper, with more aliases, or costlier than the API serves."""

    code = "COST_LIMIT"


@dataclass(frozen=True, slots=True)
class Shape:
    """How deep a selection goes, how many aliases it uses, and what it may cost."""

    depth: int
    aliases: int
    cost: int


class _Walker:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any]
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.memo: dict[str, Shape] = {}
        self.open: set[str] = set()  # fragments being measured (a cycle is another rule's error)
        self.read: set[str] = set()  # the variables the measure depends on

    def selections(self, node: SelectionSetNode | None, parent: GraphQLNamedType | None) -> Shape:
        if node is None:
            return Shape(0, 0, 0)
        depth = aliases = cost = 0
        for selection in node.selections:
            shape = self.selection(selection, parent)
            depth = max(depth, shape.depth)
            aliases += shape.aliases
            cost += shape.cost
        return Shape(depth, aliases, cost)

    def selection(self, node: Any, parent: GraphQLNamedType | None) -> Shape:
        if isinstance(node, FieldNode):
            if node.name.value.startswith("__"):
                return Shape(0, 0, 0)  # introspection: its own switch, not these limits
            return self.field(node, parent)
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition
            inner = self.schema.get_type(condition.name.value) if condition else parent
            return self.selections(node.selection_set, inner)
        if isinstance(node, FragmentSpreadNode):
            return self.fragment(node.name.value)
        return Shape(0, 0, 0)

    def fragment(self, name: str) -> Shape:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.open:
            return Shape(0, 0, 0)
        self.open.add(name)
        shape = self.selections(
            definition.selection_set, self.schema.get_type(definition.type_condition.name.value)
        )
        self.open.discard(name)
        self.memo[name] = shape
        return shape

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Shape:
        definition = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(node.name.value)
        child = get_named_type(definition.type) if definition is not None else None
        below = self.selections(node.selection_set, child)
        times = self.multiplier(node, definition)
        return Shape(
            depth=below.depth + 1,
            aliases=below.aliases + (1 if node.alias else 0),
            cost=1 + times * below.cost,
        )

    def multiplier(self, node: FieldNode, definition: Any) -> int:
        given = {a.name.value: a.value for a in node.arguments or ()}
        for name in LIST_ARGUMENTS:
            value: Any = None
            if name in given:
                literal = given[name]
                if isinstance(literal, IntValueNode):
                    value = int(literal.value)
                elif isinstance(literal, VariableNode):
                    self.read.add(literal.name.value)
                    value = self.variables.get(literal.name.value)
            elif definition is not None and name in definition.args:
                value = definition.args[name].default_value
            if isinstance(value, int) and not isinstance(value, bool):
                return max(1, value)
        return 1


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    operation_name: str | None = None,
    variables: dict[str, Any] | None = None,
) -> Shape:
    """The :class:`Shape` of the operation of ``document`` a request runs."""
    return _measured(schema, document, operation_name, variables or {})[0]


def _measured(
    schema: GraphQLSchema, document: DocumentNode, name: str | None, variables: dict[str, Any]
) -> tuple[Shape, frozenset[str]]:
    walker = _Walker(schema, document, variables)
    for operation in _operations(document, name):
        root = schema.get_root_type(operation.operation)
        return walker.selections(operation.selection_set, root), frozenset(walker.read)
    return Shape(0, 0, 0), frozenset()


class Shapes:
    """Measures remembered per document (the parser cache hands out the same document for the
    same query) and per value of the variables the measure read (``$first``; not ``$id``).

    >>> from graphql import build_schema, parse
    >>> schema = build_schema("type Query { items(first: Int = 10): [Item] } type Item { n: Int }")
    >>> shapes, document = Shapes(), parse("query($f: Int, $id: ID) { items(first: $f) { n } }")
    >>> first = shapes.measure(schema, document, None, {"f": 3, "id": "a"})
    >>> first.cost
    4
    >>> shapes.measure(schema, document, None, {"f": 3, "id": "b"}) is first  # remembered
    True
    >>> shapes.measure(schema, document, None, {"f": 50, "id": "b"}).cost
    51
    """

    def __init__(self, documents: int = 256, variants: int = 16) -> None:
        self.documents, self.variants = documents, variants
        self._by_document: OrderedDict[
            tuple[int, str | None],
            tuple[DocumentNode, frozenset[str], dict[tuple[Any, ...], Shape]],
        ] = OrderedDict()

    def measure(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        name: str | None,
        variables: dict[str, Any],
    ) -> Shape:
        """The shape of ``document``'s operation ``name`` with ``variables``."""
        key = (id(document), name)
        held = self._by_document.get(key)
        if held is not None and held[0] is document:
            values = _values(held[1], variables)
            shape = held[2].get(values) if values is not None else None
            if shape is not None:
                return shape
        shape, read = _measured(schema, document, name, variables)
        values = _values(read, variables)
        if values is not None:
            if held is None or held[0] is not document:
                held = (document, read, {})
                self._by_document[key] = held
            if len(held[2]) < self.variants:
                held[2][values] = shape
            self._by_document.move_to_end(key)
            while len(self._by_document) > self.documents:
                self._by_document.popitem(last=False)
        return shape


def _values(names: frozenset[str], variables: dict[str, Any]) -> tuple[Any, ...] | None:
    """The values of ``names`` as a key, or ``None`` when one cannot be a key (a list)."""
    values = tuple(variables.get(n) for n in sorted(names))
    try:
        hash(values)
    except TypeError:
        return None
    return values


def _operations(document: DocumentNode, name: str | None) -> Iterator[OperationDefinitionNode]:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            name is None or (definition.name and definition.name.value == name)
        ):
            yield definition


def check(shape: Shape, *, max_depth: int, max_aliases: int, max_cost: int) -> None:
    """:class:`QueryTooCostly` when ``shape`` goes past a limit."""
    hint = "ask for less: fewer nested lists, smaller `first`, or split the query"
    if shape.depth > max_depth:
        raise QueryTooCostly(
            f"the query is {shape.depth} levels deep; at most {max_depth} are served", hint=hint
        )
    if shape.aliases > max_aliases:
        raise QueryTooCostly(
            f"the query uses {shape.aliases} aliases; at most {max_aliases} are served",
            hint=hint,
        )
    if shape.cost > max_cost:
        raise QueryTooCostly(
            f"the query could visit {shape.cost:,} objects; the limit is {max_cost:,}",
            hint=hint,
        )


class QueryLimits(SchemaExtension):
    """Refuses a request whose operation goes past the depth, alias or cost limit."""

    def __init__(
        self, *, max_depth: int, max_aliases: int, max_cost: int, shapes: Shapes | None = None
    ) -> None:
        self.limits = {"max_depth": max_depth, "max_aliases": max_aliases, "max_cost": max_cost}
        self.shapes = shapes or Shapes()

    def fresh(self) -> QueryLimits:
        """The extension for one request: the same limits, the measures shared."""
        return QueryLimits(**self.limits, shapes=self.shapes)

    def allows(self, shape: Shape) -> bool:
        """Whether ``shape`` is within every limit."""
        return (
            shape.depth <= self.limits["max_depth"]
            and shape.aliases <= self.limits["max_aliases"]
            and shape.cost <= self.limits["max_cost"]
        )

    def on_execute(self) -> Iterator[None]:
        """Measure the operation with its variables, before any resolver runs; a refusal
        becomes the result, so no resolver runs at all."""
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            shape = self.shapes.measure(
                context.schema._schema, document, context.operation_name, context.variables or {}
            )
            try:
                check(shape, **self.limits)
            except QueryTooCostly as exc:
                refusal = GraphQLError(exc.message, original_error=exc)
                context.result = ExecutionResult(data=None, errors=[refusal])
        yield
