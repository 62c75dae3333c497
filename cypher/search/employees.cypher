// Purpose: one page of the employees matching a text search and filters, by name.
// Parameters: $search: lower-cased text or null; $team, $store: or null; $order: 'name';
// $skip, $limit.
// Returns: id, props (every stored property).
MATCH (e:Employee)
WHERE ($search IS NULL OR e.search CONTAINS $search)
  AND ($team IS NULL OR e.team = $team) AND ($store IS NULL OR e.store = $store)
RETURN e.id AS id, properties(e) AS props
ORDER BY toLower(coalesce(e.name, '')), e.id
SKIP $skip LIMIT $limit
