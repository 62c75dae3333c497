// Purpose: create INTERESTED_IN edges that the graph does not hold yet (`rapport analyze`; their absence was
// just checked, and CREATE is several times faster than MERGE on ArcadeDB).
// Parameters: $rows: list of {start: Customer id, end: Topic id, props: map}.
// Returns: written (edges created).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})
MATCH (b:Topic {id: row.end})
CREATE (a)-[r:INTERESTED_IN]->(b)
SET r = row.props
RETURN count(r) AS written
