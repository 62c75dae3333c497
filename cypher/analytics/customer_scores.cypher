// Purpose: the scores `rapport analyze` stored on customers, so a run writes only those that
// changed.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: ids, influence, influenceRank, community, sentimentAvg (parallel columns; -1.0e18: none).
MATCH (c:Customer)
WHERE c.influenceRank IS NOT NULL OR c.community IS NOT NULL OR c.sentimentAvg IS NOT NULL
RETURN collect(c.id) AS ids, collect(coalesce(c.influence, -1.0e18)) AS influence,
       collect(coalesce(c.influenceRank, -1.0e18)) AS influenceRank,
       collect(coalesce(c.community, -1.0e18)) AS community,
       collect(coalesce(c.sentimentAvg, -1.0e18)) AS sentimentAvg
