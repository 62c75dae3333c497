// Purpose: delete BOUGHT_WITH edges that `rapport analyze` no longer computes (their evidence is gone).
// Parameters: $rows: list of {start: Product id, end: Product id}.
// Returns: written (edges deleted).
UNWIND $rows AS row
MATCH (a:Product {id: row.start})-[r:BOUGHT_WITH]->(b:Product {id: row.end})
DELETE r
RETURN count(*) AS written
