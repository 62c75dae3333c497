// Purpose: range index on Purchase.at for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX purchase_at IF NOT EXISTS FOR (n:Purchase) ON (n.at)
