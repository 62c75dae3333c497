// Purpose: how many customers have an influenceRank (to turn a rank into a percentile): ranks run
// from 1 without gaps, so it is the largest rank (read from the index, no scan).
// Parameters: none.
// Returns: ranked.
MATCH (c:Customer)
WHERE c.influenceRank >= 1
RETURN c.influenceRank AS ranked
ORDER BY ranked DESC
LIMIT 1
