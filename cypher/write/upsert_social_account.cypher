// Purpose: create or update SocialAccount nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, platform, handle, displayName, followers, isBrand, location, email, description, verified, createdAt, platformId, search.
// Absent properties are left as they are; updatedAt is stamped on every write.
// Returns: written (rows merged), created (of those, nodes that did not exist before:
// every write stamps updatedAt, so a node without it is new).
UNWIND $rows AS row
MERGE (n:SocialAccount {id: row.id})
WITH n, row, n.updatedAt IS NULL AS created
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
