// Purpose: forget pending relationships that have been linked.
// Parameters: $ids: list of PendingEdge ids.
// Returns: written (how many were removed).
UNWIND $ids AS i
MATCH (p:PendingEdge {id: i})
DELETE p
RETURN count(*) AS written
