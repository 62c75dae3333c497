// Purpose: projection for the analytics: replies, reshares and quotes between posts.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: posts, kinds (REPLIES_TO, RESHARES or QUOTES), targets (parallel columns).
MATCH (p:Post)-[r:REPLIES_TO|RESHARES|QUOTES]->(q:Post)
RETURN collect(p.id) AS posts, collect(type(r)) AS kinds, collect(q.id) AS targets
