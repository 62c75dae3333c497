// Purpose: projection for the analytics: positive posts about products (the praise that can
// convert the author's audience).
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: $min_sentiment: the lowest sentiment that counts as praise.
// Returns: posts, ats (text), products (parallel columns, one entry per ABOUT).
MATCH (p:Post)-[:ABOUT]->(pr:Product)
WHERE p.sentiment >= $min_sentiment AND p.at IS NOT NULL
RETURN collect(p.id) AS posts, collect(toString(p.at)) AS ats, collect(pr.id) AS products
