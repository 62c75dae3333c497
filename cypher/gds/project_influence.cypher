// Purpose: project the influence graph into GDS's catalog as $graph: the customers with an
// INFLUENCES edge, each edge reversed (influence flows from the influenced to the influencer,
// as Customer.influence's PageRank reads it), weighted by its weight.
// Neo4j with GDS only, like every file of cypher/gds/.
// Parameters: $graph: the in-memory graph's name; $undirected: [] (directed, for PageRank) or
// ['*'] (undirected, for Louvain).
// Returns: nodes, relationships.
MATCH (a:Customer)-[r:INFLUENCES]->(b:Customer)
WITH gds.graph.project($graph, b, a, {relationshipProperties: {weight: r.weight}},
                       {undirectedRelationshipTypes: $undirected}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
