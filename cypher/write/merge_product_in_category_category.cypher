// Purpose: create or update (Product)-[:IN_CATEGORY]->(Category) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Product {id: row.start})
MATCH (b:Category {id: row.end})
MERGE (a)-[r:IN_CATEGORY]->(b)
SET r += row.props
RETURN count(r) AS written
