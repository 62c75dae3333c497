// Purpose: projection for the analytics: who owns which social account.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: customers, accounts (parallel columns, one entry per OWNS).
MATCH (c:Customer)-[:OWNS]->(s:SocialAccount)
RETURN collect(c.id) AS customers, collect(s.id) AS accounts
