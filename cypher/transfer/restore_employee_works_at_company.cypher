// Purpose: write (Employee)-[:WORKS_AT]->(Company) relationships exactly as a dump or a copy holds
// them (db restore and copy): every property replaced; idempotent (one per start and end).
// Parameters: $rows: list of {start: string id, end: string id, props: map}.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (relationships merged).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})
MATCH (b:Company {id: row.end})
MERGE (a)-[r:WORKS_AT]->(b)
SET r = row.props
RETURN count(r) AS written
