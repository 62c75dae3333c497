// Purpose: range index on Post.updatedAt, so an incremental `rapport analyze` finds what was written
// since its last run without scanning every node.
// Parameters: none.
// Returns: nothing.
CREATE INDEX post_updated_at IF NOT EXISTS FOR (n:Post) ON (n.updatedAt)
