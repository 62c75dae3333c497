// Purpose: every Interaction has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (n:Interaction) REQUIRE n.id IS UNIQUE
