// Purpose: create or update (Post)-[:QUOTES]->(Post) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Post {id: row.start})
MATCH (b:Post {id: row.end})
MERGE (a)-[r:QUOTES]->(b)
SET r += row.props
RETURN count(r) AS written
