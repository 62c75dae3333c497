// Purpose: the bare write baseline of bench/bench_writes.py: UNWIND + MERGE customers, nothing else.
// Parameters: $rows: list of {id: string, props: map}.
// Returns: written (rows merged).
UNWIND $rows AS row
MERGE (n:Customer {id: row.id})
SET n += row.props
RETURN count(n) AS written
