// Purpose: range index on AlertEvent.seq, so every API server reads the alert outbox from where it
// stopped without scanning it.
// Parameters: none.
// Returns: nothing.
CREATE INDEX alert_event_seq IF NOT EXISTS FOR (n:AlertEvent) ON (n.seq)
