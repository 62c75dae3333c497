// Purpose: create or update (SocialAccount)-[:FOLLOWS]->(SocialAccount) relationships (idempotent).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (number of relationships merged).
UNWIND $rows AS row
MATCH (a:SocialAccount {id: row.start})
MATCH (b:SocialAccount {id: row.end})
MERGE (a)-[r:FOLLOWS]->(b)
SET r += row.props
RETURN count(r) AS written
