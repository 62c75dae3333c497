// Purpose: create or update Topic nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, name.
// Absent properties are left as they are; updatedAt is stamped on every write.
// Returns: written (number of rows merged).
UNWIND $rows AS row
MERGE (n:Topic {id: row.id})
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written
