// Purpose: every PendingEdge has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT pending_edge_id IF NOT EXISTS FOR (n:PendingEdge) REQUIRE n.id IS UNIQUE
