// Purpose: the stored BOUGHT_WITH rules and curated COMPLEMENTS of the given products.
// A product in the graph with none has one row whose other is null; a product not in the
// graph has no row.
// Parameters: $products: product ids.
// Returns: product, other, otherName, count, support, confidence, lift, score, pValue, qValue,
// rank, curated (true for COMPLEMENTS, whose numbers are null).
UNWIND $products AS pid
MATCH (p:Product {id: pid})
OPTIONAL MATCH (p)-[r:BOUGHT_WITH|COMPLEMENTS]->(o:Product)
RETURN p.id AS product, o.id AS other, o.name AS otherName, r.count AS count, r.support AS support,
       r.confidence AS confidence, r.lift AS lift, r.score AS score, r.pValue AS pValue,
       r.qValue AS qValue, r.rank AS rank, type(r) = 'COMPLEMENTS' AS curated
