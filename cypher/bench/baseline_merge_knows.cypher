// Purpose: the bare write baseline of bench/bench_writes.py: UNWIND + MERGE KNOWS, nothing else.
// Parameters: $rows: list of {start: string id, end: string id, props: map}.
// Returns: written (relationships merged).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})
MATCH (b:Customer {id: row.end})
MERGE (a)-[r:KNOWS]->(b)
SET r += row.props
RETURN count(r) AS written
