// Purpose: project the influence graph into GDS's catalog as $graph, natively (GDS reads the
// store: seconds faster than a Cypher projection): every customer, and the INFLUENCES edges
// weighted by their weight, either reversed (influence flows from the influenced to the
// influencer, as Customer.influence's PageRank reads it) or undirected (for Louvain).
// Customers without an INFLUENCES edge are in it too, alone: they change no one's score, and
// gds/rank_influence and gds/forget_lone leave them out.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name; $orientation: 'REVERSE' or 'UNDIRECTED'.
// Returns: nodes, relationships.
CALL gds.graph.project($graph, 'Customer',
                       {INFLUENCES: {orientation: $orientation, properties: 'weight'}})
YIELD nodeCount, relationshipCount
RETURN nodeCount AS nodes, relationshipCount AS relationships
