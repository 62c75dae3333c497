// Purpose: create or update (Alert)-[:ASSIGNED_TO]->(Employee) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Alert {id: row.start})
MATCH (b:Employee {id: row.end})
MERGE (a)-[r:ASSIGNED_TO]->(b)
SET r += row.props
RETURN count(r) AS written
