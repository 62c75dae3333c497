// Purpose: the category of each given product (customer recommendations are spread across them).
// Parameters: $ids: product ids.
// Returns: id, category (rows only for products that have one).
UNWIND $ids AS pid
MATCH (p:Product {id: pid})
WHERE p.category IS NOT NULL
RETURN p.id AS id, p.category AS category
