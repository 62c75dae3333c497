// Purpose: how many customers the graph holds (the upper bound of the ranks looked up by
// alerts/ranks_held; both engines count a label without a scan).
// Parameters: none.
// Returns: customers.
MATCH (c:Customer)
RETURN count(c) AS customers
