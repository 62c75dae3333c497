// Purpose: Louvain communities over the projected (undirected) graph $graph, written to each
// customer's community (gds/forget_lone removes those of customers without an edge).
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name; $concurrency: threads (Louvain ran 20 times
// slower with 4 threads than with 1 on two cores: see graph/store/gds.py).
// Returns: written, communities.
CALL gds.louvain.write($graph, {relationshipWeightProperty: 'weight', writeProperty: 'community',
                                concurrency: $concurrency})
YIELD nodePropertiesWritten, communityCount
RETURN nodePropertiesWritten AS written, communityCount AS communities
