// Purpose: range index on OutboxEvent.seq, so every API server reads the event outbox from where
// it stopped without scanning it.
// Parameters: none.
// Returns: nothing.
CREATE INDEX outbox_event_seq IF NOT EXISTS FOR (n:OutboxEvent) ON (n.seq)
