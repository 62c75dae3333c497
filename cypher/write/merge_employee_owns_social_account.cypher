// Purpose: create or update (Employee)-[:OWNS]->(SocialAccount) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source, confidence, method.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})
MATCH (b:SocialAccount {id: row.end})
MERGE (a)-[r:OWNS]->(b)
SET r += row.props
RETURN count(r) AS written
