// Purpose: create or update OutboxEvent nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, seq, kind, data, at.
// Absent properties are left as they are; a row that changes nothing but its source (or the search
// text derived from its fields) is not written (its updatedAt is kept).
// Returns: written (rows merged), created (of those, nodes that did not exist before:
// every write stamps updatedAt, so a node without it is new), changed (created or updated).
UNWIND $rows AS row
MERGE (n:OutboxEvent {id: row.id})
WITH n, row, n.updatedAt IS NULL AS created
WITH n, row, created,
     created OR any(k IN keys(row.props) WHERE NOT k IN ['source', 'search'] AND
                    (n[k] IS NULL OR n[k] <> row.props[k])) AS changed
SET n += CASE WHEN changed THEN row.props ELSE {} END,
    n.updatedAt = CASE WHEN changed THEN datetime() ELSE n.updatedAt END
RETURN count(n) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed
