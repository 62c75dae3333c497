// Purpose: how many customers have an influenceRank (to turn a rank into a percentile).
// Parameters: none.
// Returns: ranked.
MATCH (c:Customer)
WHERE c.influenceRank IS NOT NULL
RETURN count(c) AS ranked
