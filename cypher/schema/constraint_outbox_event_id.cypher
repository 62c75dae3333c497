// Purpose: every OutboxEvent has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT outbox_event_id IF NOT EXISTS FOR (n:OutboxEvent) REQUIRE n.id IS UNIQUE
