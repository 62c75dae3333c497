// Purpose: Neo4j Browser - the FOLLOWS network among the most-followed social accounts, a first
// map of who listens to whom. An account is ranked by its audience: the follower count its
// platform reported or the followers Rapport has seen, whichever is larger (an account with no
// reported count is ranked by what was seen, never first).
// Parameters: $limit: how many accounts to draw (`:param limit => 50`).
// Returns: account, followers (the audience it is ranked by), and `follows`, FOLLOWS paths among
//   the chosen accounts, drawn as a graph.
MATCH (a:SocialAccount)
WITH a, coalesce(a.followers, 0) AS reported, COUNT { (a)<-[:FOLLOWS]-(:SocialAccount) } AS seen
WITH a, CASE WHEN reported > seen THEN reported ELSE seen END AS followers
ORDER BY followers DESC, a.id
LIMIT $limit
WITH collect(a) AS top, collect(followers) AS counts
UNWIND range(0, size(top) - 1) AS i
WITH top, top[i] AS a, counts[i] AS followers
OPTIONAL MATCH follows = (a)-[:FOLLOWS]->(b:SocialAccount)
WHERE b IN top
RETURN a.id AS account, followers, collect(follows) AS follows
ORDER BY followers DESC, account
