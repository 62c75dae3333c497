// Purpose: every Employee has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT employee_id IF NOT EXISTS FOR (n:Employee) REQUIRE n.id IS UNIQUE
