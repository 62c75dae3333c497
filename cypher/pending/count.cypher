// Purpose: how many relationships wait for a missing end (rapport db status, import summaries).
// Parameters: none.
// Returns: pending (int).
MATCH (p:PendingEdge)
RETURN count(p) AS pending
