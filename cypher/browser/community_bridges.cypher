// Purpose: Neo4j Browser - the bridges between communities: customers whose influence reaches
// the most other communities, the people who carry a message from one circle to the next.
// Parameters: $limit: how many bridges (`:param limit => 15`).
// Returns: id, name, community, reaches (other communities reached), weight (summed INFLUENCES
//   weight into them), and `bridges`, the paths into other communities, drawn as a graph.
MATCH path = (a:Customer)-[r:INFLUENCES]->(b:Customer)
WHERE a.community IS NOT NULL AND b.community IS NOT NULL AND a.community <> b.community
WITH a, count(DISTINCT b.community) AS reaches, sum(r.weight) AS weight, collect(path) AS paths
RETURN a.id AS id, a.name AS name, a.community AS community, reaches, weight, paths AS bridges
ORDER BY reaches DESC, weight DESC, id
LIMIT $limit
