// Purpose: projection for the analytics: the topics of each tagged post, with its sentiment.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: posts, sentiments (-1.0e18: none), topics (parallel columns, one entry per TAGGED).
MATCH (p:Post)-[:TAGGED]->(t:Topic)
RETURN collect(p.id) AS posts, collect(coalesce(p.sentiment, -1.0e18)) AS sentiments,
       collect(t.id) AS topics
