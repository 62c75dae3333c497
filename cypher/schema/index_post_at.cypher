// Purpose: range index on Post.at for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX post_at IF NOT EXISTS FOR (n:Post) ON (n.at)
