// Purpose: range index on Purchase.updatedAt, so an incremental `rapport analyze` finds what was written
// since its last run without scanning every node.
// Parameters: none.
// Returns: nothing.
CREATE INDEX purchase_updated_at IF NOT EXISTS FOR (n:Purchase) ON (n.updatedAt)
