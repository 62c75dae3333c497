// Purpose: the bulk baseline of bench/bench_import.py: the nodes of one label that the import
// merged, written by CREATE after an indexed check that the id is not there yet: no MERGE, no
// change detection. The bench runs it once per label, naming that label in place of `Label`.
// Parameters: $rows: list of {id: string, props: map}.
// Returns: written (nodes created).
UNWIND $rows AS row
OPTIONAL MATCH (old:Label {id: row.id})
WITH row, old
WHERE old IS NULL
CREATE (n:Label {id: row.id})
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written
