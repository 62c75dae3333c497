// Purpose: Neo4j Browser - the most influential customers overall (PageRank over INFLUENCES,
// stored by `rapport analyze`) with the audience each one reaches: the customers they influence.
// Parameters: $limit: how many influencers (`:param limit => 10`);
//   $audience: how many of each one's audience to draw, strongest first (`:param audience => 15`).
// Returns: rank, id, name, influence, community, reach (everyone they influence), and
//   `audience`, paths drawn as a graph (wider arrows are stronger influence).
UNWIND range(1, $limit) AS wanted
MATCH (c:Customer {influenceRank: wanted})
OPTIONAL MATCH path = (c)-[r:INFLUENCES]->(:Customer)
WITH c, path, r
ORDER BY c.influenceRank, r.weight DESC
WITH c, collect(path) AS paths
RETURN c.influenceRank AS rank, c.id AS id, c.name AS name, c.influence AS influence,
       c.community AS community, size(paths) AS reach, paths[0..$audience] AS audience
ORDER BY rank
