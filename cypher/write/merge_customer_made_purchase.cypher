// Purpose: create or update (Customer)-[:MADE]->(Purchase) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Customer {id: row.start})
MATCH (b:Purchase {id: row.end})
MERGE (a)-[r:MADE]->(b)
SET r += row.props
RETURN count(r) AS written
