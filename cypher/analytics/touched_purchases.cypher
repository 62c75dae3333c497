// Purpose: incremental analysis: the customers of the purchases written since a moment.
// Parameters: $since: datetime.
// Returns: purchases (count), customers (list of Customer ids).
MATCH (pu:Purchase)
WHERE pu.updatedAt > $since
OPTIONAL MATCH (pu)<-[:MADE]-(c:Customer)
RETURN count(DISTINCT pu) AS purchases, collect(DISTINCT c.id) AS customers
