// Purpose: every Category has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE
