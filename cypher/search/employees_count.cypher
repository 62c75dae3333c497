// Purpose: how many employees match a text search and filters (a connection's totalCount).
// Parameters: $search, $team, $store: or null.
// Returns: total.
MATCH (e:Employee)
WHERE ($search IS NULL OR e.search CONTAINS $search)
  AND ($team IS NULL OR e.team = $team) AND ($store IS NULL OR e.store = $store)
RETURN count(e) AS total
