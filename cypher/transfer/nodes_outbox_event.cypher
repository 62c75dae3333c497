// Purpose: read OutboxEvent nodes with every stored property, a page at a time in id order (db dump
// and copy stream them).
// Parameters: $after: the last id of the previous page ('' for the first), $limit: page size.
// Returns: id, props (every stored property), at most $limit rows ordered by id.
MATCH (n:OutboxEvent)
WHERE n.id > $after
RETURN n.id AS id, properties(n) AS props
ORDER BY id
LIMIT $limit
