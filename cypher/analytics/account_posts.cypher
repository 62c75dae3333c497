// Purpose: projection for the analytics: which account posted each post.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: accounts, posts (parallel columns).
MATCH (s:SocialAccount)-[:POSTED]->(p:Post)
RETURN collect(s.id) AS accounts, collect(p.id) AS posts
