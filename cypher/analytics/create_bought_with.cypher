// Purpose: create BOUGHT_WITH edges that the graph does not hold yet (`rapport analyze`; their absence was
// just checked, and CREATE is several times faster than MERGE on ArcadeDB).
// Parameters: $rows: list of {start: Product id, end: Product id, props: map}.
// Returns: written (edges created).
UNWIND $rows AS row
MATCH (a:Product {id: row.start})
MATCH (b:Product {id: row.end})
CREATE (a)-[r:BOUGHT_WITH]->(b)
SET r = row.props
RETURN count(r) AS written
