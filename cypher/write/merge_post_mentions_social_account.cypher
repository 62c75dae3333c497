// Purpose: create or update (Post)-[:MENTIONS]->(SocialAccount) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:Post {id: row.start})
MATCH (b:SocialAccount {id: row.end})
MERGE (a)-[r:MENTIONS]->(b)
SET r += row.props
RETURN count(r) AS written
