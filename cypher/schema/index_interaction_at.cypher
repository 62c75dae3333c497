// Purpose: range index on Interaction.at for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX interaction_at IF NOT EXISTS FOR (n:Interaction) ON (n.at)
