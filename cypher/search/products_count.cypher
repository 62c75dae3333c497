// Purpose: how many products match a text search and filters (a connection's totalCount).
// Parameters: $search, $category, $brand: or null.
// Returns: total.
MATCH (p:Product)
WHERE ($search IS NULL OR p.search CONTAINS $search)
  AND ($category IS NULL OR p.category = $category) AND ($brand IS NULL OR p.brand = $brand)
RETURN count(p) AS total
