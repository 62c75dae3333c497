// Purpose: how many relationships wait for a missing end, per pattern (rapport db status).
// Parameters: none.
// Returns: pattern, waiting (one row per pattern).
MATCH (p:PendingEdge)
RETURN p.pattern AS pattern, count(p) AS waiting
ORDER BY pattern
