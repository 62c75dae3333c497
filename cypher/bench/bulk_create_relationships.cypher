// Purpose: the bulk baseline of bench/bench_import.py: the relationships of one pattern that the
// import merged, written by CREATE between nodes found by id: no MERGE, no change detection. The
// bench runs it once per pattern, naming its labels and type in place of `Start`, `End` and
// `TYPE`.
// Parameters: $rows: list of {start: string id, end: string id, props: map}.
// Returns: written (relationships created).
UNWIND $rows AS row
MATCH (a:Start {id: row.start})
MATCH (b:End {id: row.end})
CREATE (a)-[r:TYPE]->(b)
SET r += row.props
RETURN count(r) AS written
