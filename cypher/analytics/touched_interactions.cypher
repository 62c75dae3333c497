// Purpose: incremental analysis: the customers of the interactions written since a moment.
// Parameters: $since: datetime.
// Returns: interactions (count), customers (list of Customer ids).
MATCH (i:Interaction)
WHERE i.updatedAt > $since
OPTIONAL MATCH (i)<-[:HAD]-(c:Customer)
RETURN count(DISTINCT i) AS interactions, collect(DISTINCT c.id) AS customers
