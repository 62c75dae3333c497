// Purpose: drop the projected graph $graph from GDS's catalog (nothing when it is not there).
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name.
// Returns: dropped (its name, or no row).
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName AS dropped
