// Purpose: delete RAPPORT edges that `rapport analyze` no longer computes (their evidence is gone).
// Parameters: $rows: list of {start: Employee id, end: Customer id}.
// Returns: written (edges deleted).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})-[r:RAPPORT]->(b:Customer {id: row.end})
DELETE r
RETURN count(*) AS written
