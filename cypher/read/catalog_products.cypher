// Purpose: the product catalog the enrichment's entity ruler is built from.
// Parameters: none.
// Returns: sku, name, brand.
MATCH (p:Product)
RETURN p.id AS sku, p.name AS name, p.brand AS brand
