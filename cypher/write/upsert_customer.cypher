// Purpose: create or update Customer nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, name, email, phone, city, country, joinedAt, tier, acceptsMarketing, emailOptOut, doNotCall, search.
// Absent properties are left as they are; updatedAt is stamped on every write.
// Returns: written (rows merged), created (of those, nodes that did not exist before:
// every write stamps updatedAt, so a node without it is new).
UNWIND $rows AS row
MERGE (n:Customer {id: row.id})
WITH n, row, n.updatedAt IS NULL AS created
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
