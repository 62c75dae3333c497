// Purpose: the stored BOUGHT_WITH rules and curated COMPLEMENTS of the given products.
// Parameters: $products: product ids.
// Returns: product, other, count, support, confidence, lift, curated (true for COMPLEMENTS).
UNWIND $products AS pid
MATCH (p:Product {id: pid})-[r:BOUGHT_WITH|COMPLEMENTS]->(o:Product)
RETURN p.id AS product, o.id AS other, r.count AS count, r.support AS support,
       r.confidence AS confidence, r.lift AS lift, type(r) = 'COMPLEMENTS' AS curated
