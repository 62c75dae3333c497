// Purpose: projection for the analytics: who follows whom, between accounts (joined to the
// accounts' owners in Python: much faster on ArcadeDB than a four-hop pattern).
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: followers, followed (parallel columns, one entry per FOLLOWS).
MATCH (a:SocialAccount)-[:FOLLOWS]->(b:SocialAccount)
RETURN collect(a.id) AS followers, collect(b.id) AS followed
