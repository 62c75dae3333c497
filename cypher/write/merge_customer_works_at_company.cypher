// Purpose: create or update (Customer)-[:WORKS_AT]->(Company) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (relationships merged), created (of those, new ones: props always
// carry source, so a relationship without it is new).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})
MATCH (b:Company {id: row.end})
MERGE (a)-[r:WORKS_AT]->(b)
WITH r, row, r.source IS NULL AS created
SET r += row.props
RETURN count(r) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
