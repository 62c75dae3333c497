// Purpose: create or update (Purchase)-[:CONTAINS]->(Product) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source, quantity, unitPrice.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Purchase {id: row.start})
MATCH (b:Product {id: row.end})
MERGE (a)-[r:CONTAINS]->(b)
SET r += row.props
RETURN count(r) AS written
