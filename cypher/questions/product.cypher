// Purpose: one product.
// Parameters: $id: product id (SKU).
// Returns: id, name, brand, category, price.
MATCH (p:Product {id: $id})
RETURN p.id AS id, p.name AS name, p.brand AS brand, p.category AS category, p.price AS price
