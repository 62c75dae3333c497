// Purpose: fetch OutboxEvent nodes by id (for loaders and round-trip checks).
// Parameters: $ids: list of string ids.
// Returns: id, props (every stored property), one row per id found.
UNWIND $ids AS i
MATCH (n:OutboxEvent {id: i})
RETURN n.id AS id, properties(n) AS props
