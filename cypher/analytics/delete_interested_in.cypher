// Purpose: delete INTERESTED_IN edges that `rapport analyze` no longer computes (their evidence is gone).
// Parameters: $rows: list of {start: Customer id, end: Topic id}.
// Returns: written (edges deleted).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})-[r:INTERESTED_IN]->(b:Topic {id: row.end})
DELETE r
RETURN count(*) AS written
