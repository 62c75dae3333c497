// Purpose: projection for the analytics: the accounts each post mentions.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: posts, accounts (parallel columns, one entry per MENTIONS).
MATCH (p:Post)-[:MENTIONS]->(s:SocialAccount)
RETURN collect(p.id) AS posts, collect(s.id) AS accounts
