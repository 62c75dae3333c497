// Purpose: write OutboxEvent nodes exactly as a dump or a copy holds them (db restore and copy):
// every property replaced, updatedAt and source included; idempotent.
// Parameters: $rows: list of {id: string, props: map} (props hold id and every property).
// Returns: written (rows merged).
UNWIND $rows AS row
MERGE (n:OutboxEvent {id: row.id})
SET n = row.props
RETURN count(n) AS written
