// Purpose: the customers of the given purchases (incremental analysis).
// Parameters: $ids: purchase ids.
// Returns: customers (list of Customer ids).
UNWIND $ids AS pid
MATCH (pu:Purchase {id: pid})<-[:MADE]-(c:Customer)
RETURN collect(DISTINCT c.id) AS customers
