// Purpose: Customer.influence and influenceRank from GDS's PageRank (influenceRaw), for the
// customers with an INFLUENCES edge (the in-process PageRank's nodes): scores normalised to sum
// to 1 over them and ranked (1 the highest; equal scores in id order). gds/forget_lone then
// removes influenceRaw from everyone.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: none.
// Returns: scored (customers).
MATCH (c:Customer) WHERE c.influenceRaw IS NOT NULL AND EXISTS { (c)-[:INFLUENCES]-() }
WITH sum(c.influenceRaw) AS total
MATCH (c:Customer) WHERE c.influenceRaw IS NOT NULL AND EXISTS { (c)-[:INFLUENCES]-() }
WITH c, total
ORDER BY c.influenceRaw DESC, c.id
WITH collect(c) AS ordered, total
UNWIND range(0, size(ordered) - 1) AS i
WITH ordered[i] AS c, i, total
SET c.influence = round(c.influenceRaw / total, 8), c.influenceRank = i + 1
RETURN count(c) AS scored
