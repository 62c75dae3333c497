// Purpose: Neo4j Browser - a campaign's seed customers and everyone they reach in one step of
// influence, to see how much their audiences overlap. The seeds themselves are chosen by the
// GraphQL `campaignSeeds(k:)` or `rapport campaign` (CELF greedy under independent
// cascade, which Cypher alone cannot run); paste their ids here.
// Parameters: $ids: the seed customers' ids (`:param ids => ['c000089', 'c000012']`).
// Returns: id, name, influence, reach (customers they influence), shared (of those, how many
//   another seed also reaches), and `audience`, paths drawn as a graph.
UNWIND $ids AS id
MATCH (c:Customer {id: id})
OPTIONAL MATCH path = (c)-[:INFLUENCES]->(f:Customer)
WITH c, collect(path) AS paths, collect(f.id) AS reached
OPTIONAL MATCH (other:Customer)-[:INFLUENCES]->(g:Customer)
WHERE other.id IN $ids AND other <> c AND g.id IN reached
RETURN c.id AS id, c.name AS name, c.influence AS influence, size(reached) AS reach,
       count(DISTINCT g) AS shared, paths AS audience
ORDER BY influence DESC
