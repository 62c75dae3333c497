// Purpose: every Purchase has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT purchase_id IF NOT EXISTS FOR (n:Purchase) REQUIRE n.id IS UNIQUE
