// Purpose: every AlertEvent has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT alert_event_id IF NOT EXISTS FOR (n:AlertEvent) REQUIRE n.id IS UNIQUE
