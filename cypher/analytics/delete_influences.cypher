// Purpose: delete INFLUENCES edges that `rapport analyze` no longer computes (their evidence is gone).
// Parameters: $rows: list of {start: Customer id, end: Customer id}.
// Returns: written (edges deleted).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})-[r:INFLUENCES]->(b:Customer {id: row.end})
DELETE r
RETURN count(*) AS written
