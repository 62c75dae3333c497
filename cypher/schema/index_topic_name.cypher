// Purpose: range index on Topic.name for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name)
