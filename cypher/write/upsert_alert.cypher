// Purpose: create or update Alert nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, kind, severity, raisedAt, dueBy, status.
// Absent properties are left as they are; updatedAt is stamped on every write.
// Returns: written (number of rows merged).
UNWIND $rows AS row
MERGE (n:Alert {id: row.id})
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written
