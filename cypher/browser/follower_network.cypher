// Purpose: Neo4j Browser - the FOLLOWS network among the most-followed social accounts,
// a first map of who listens to whom.
// Parameters: $limit: how many accounts to draw (in Neo4j Browser: `:param limit => 50`).
// Returns: paths between the chosen accounts, drawn as a graph.
MATCH (a:SocialAccount)
WITH a ORDER BY a.followers DESC LIMIT $limit
WITH collect(a) AS top
UNWIND top AS a
MATCH path = (a)-[:FOLLOWS]->(b:SocialAccount)
WHERE b IN top
RETURN path
