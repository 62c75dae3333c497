// Purpose: range index on Interaction.updatedAt, so an incremental `rapport analyze` finds what was written
// since its last run without scanning every node.
// Parameters: none.
// Returns: nothing.
CREATE INDEX interaction_updated_at IF NOT EXISTS FOR (n:Interaction) ON (n.updatedAt)
