// Purpose: one page of the products matching a text search and filters, in the asked order.
// Parameters: $search: lower-cased text or null; $category, $brand: or null; $order: 'name'
// or 'price'; $skip, $limit.
// Returns: id, props (every stored property).
MATCH (p:Product)
WHERE ($search IS NULL OR p.search CONTAINS $search)
  AND ($category IS NULL OR p.category = $category) AND ($brand IS NULL OR p.brand = $brand)
RETURN p.id AS id, properties(p) AS props
ORDER BY CASE WHEN $order = 'price' THEN coalesce(p.price, 0.0) ELSE 0.0 END,
         CASE WHEN $order = 'name' THEN toLower(coalesce(p.name, '')) ELSE '' END, p.id
SKIP $skip LIMIT $limit
