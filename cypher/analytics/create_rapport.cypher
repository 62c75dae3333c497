// Purpose: create RAPPORT edges that the graph does not hold yet (`rapport analyze`; their absence was
// just checked, and CREATE is several times faster than MERGE on ArcadeDB).
// Parameters: $rows: list of {start: Employee id, end: Customer id, props: map}.
// Returns: written (edges created).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})
MATCH (b:Customer {id: row.end})
CREATE (a)-[r:RAPPORT]->(b)
SET r = row.props
RETURN count(r) AS written
