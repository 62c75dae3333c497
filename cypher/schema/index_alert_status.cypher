// Purpose: range index on Alert.status for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX alert_status IF NOT EXISTS FOR (n:Alert) ON (n.status)
