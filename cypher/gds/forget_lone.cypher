// Purpose: after GDS wrote to every customer of its projection: remove PageRank's working
// property influenceRaw from all, and the community Louvain gave a customer without an
// INFLUENCES edge (alone in its own community; the in-process Louvain gives them none).
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $community: true after Louvain (also remove lone customers' community).
// Returns: cleared (customers changed).
MATCH (c:Customer)
WHERE c.influenceRaw IS NOT NULL
   OR ($community AND c.community IS NOT NULL AND NOT EXISTS { (c)-[:INFLUENCES]-() })
REMOVE c.influenceRaw
SET c.community = CASE WHEN $community AND NOT EXISTS { (c)-[:INFLUENCES]-() } THEN null
                       ELSE c.community END
RETURN count(c) AS cleared
