// Purpose: products with computed related products (BOUGHT_WITH), so bench_api_peer compares
// Rapport's related products with what @neo4j/graphql reads of the same edges.
// Parameters: $limit: at most this many.
// Returns: id, in id order.
MATCH (p:Product)-[:BOUGHT_WITH]->()
WITH DISTINCT p
RETURN p.id AS id
ORDER BY id
LIMIT $limit
