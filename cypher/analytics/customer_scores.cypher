// Purpose: the scores `rapport analyze` stored on customers, so a run writes only those that changed.
// Parameters: none.
// Returns: id, influence, influenceRank, community, sentimentAvg.
MATCH (c:Customer)
WHERE c.influenceRank IS NOT NULL OR c.community IS NOT NULL OR c.sentimentAvg IS NOT NULL
RETURN c.id AS id, c.influence AS influence, c.influenceRank AS influenceRank,
       c.community AS community, c.sentimentAvg AS sentimentAvg
