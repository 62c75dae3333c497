// Purpose: weighted PageRank over the projected graph $graph, written to each customer's
// influenceRaw (then normalised and ranked by gds/rank_influence); the same damping, rounds and
// tolerance as the in-process PageRank of graph/analytics/influence.py.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name.
// Returns: written, iterations.
CALL gds.pageRank.write($graph, {relationshipWeightProperty: 'weight', dampingFactor: 0.85,
                                maxIterations: 100, tolerance: 0.000001,
                                writeProperty: 'influenceRaw'})
YIELD nodePropertiesWritten, ranIterations
RETURN nodePropertiesWritten AS written, ranIterations AS iterations
