// Purpose: create or update (Customer)-[:REFERRED]->(Customer) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source, at.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})
MATCH (b:Customer {id: row.end})
MERGE (a)-[r:REFERRED]->(b)
SET r += row.props
RETURN count(r) AS written
