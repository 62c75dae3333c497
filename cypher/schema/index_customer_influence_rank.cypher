// Purpose: range index on Customer.influenceRank: the top influencers and the number of ranked
// customers (alert severity) without a scan.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX customer_influence_rank IF NOT EXISTS FOR (n:Customer) ON (n.influenceRank)
