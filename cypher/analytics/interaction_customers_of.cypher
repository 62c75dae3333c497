// Purpose: the customers of the given interactions (incremental analysis).
// Parameters: $ids: interaction ids.
// Returns: customers (list of Customer ids).
UNWIND $ids AS iid
MATCH (i:Interaction {id: iid})<-[:HAD]-(c:Customer)
RETURN collect(DISTINCT c.id) AS customers
