// Purpose: one page of the customers matching a text search and filters, in the asked order.
// Parameters: $search: lower-cased text or null (CONTAINS on the lower-cased `search`
// property); $tier, $city, $community: or null; $order: 'influence' or 'name'; $skip, $limit.
// Returns: id, props (every stored property).
MATCH (c:Customer)
WHERE ($search IS NULL OR c.search CONTAINS $search)
  AND ($tier IS NULL OR c.tier = $tier) AND ($city IS NULL OR c.city = $city)
  AND ($community IS NULL OR c.community = $community)
RETURN c.id AS id, properties(c) AS props
ORDER BY CASE WHEN $order = 'influence' THEN coalesce(c.influence, 0.0) ELSE 0.0 END DESC,
         CASE WHEN $order = 'name' THEN toLower(coalesce(c.name, '')) ELSE '' END, c.id
SKIP $skip LIMIT $limit
