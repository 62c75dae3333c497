// Purpose: Customer.influence and influenceRank from GDS's PageRank (influenceRaw): scores
// normalised to sum to 1 over the influence graph, as the in-process PageRank gives them, and
// ranked (1 the highest; equal scores in id order); influenceRaw is removed.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: none.
// Returns: scored (customers).
MATCH (c:Customer) WHERE c.influenceRaw IS NOT NULL
WITH sum(c.influenceRaw) AS total
MATCH (c:Customer) WHERE c.influenceRaw IS NOT NULL
WITH c, total
ORDER BY c.influenceRaw DESC, c.id
WITH collect(c) AS ordered, total
UNWIND range(0, size(ordered) - 1) AS i
WITH ordered[i] AS c, i, total
SET c.influence = round(c.influenceRaw / total, 8), c.influenceRank = i + 1
REMOVE c.influenceRaw
RETURN count(c) AS scored
