// Purpose: Louvain communities over the projected (undirected) graph $graph, written to each
// customer's community.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name.
// Returns: written, communities.
CALL gds.louvain.write($graph, {relationshipWeightProperty: 'weight', writeProperty: 'community'})
YIELD nodePropertiesWritten, communityCount
RETURN nodePropertiesWritten AS written, communityCount AS communities
