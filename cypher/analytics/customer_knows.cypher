// Purpose: projection for the analytics: who knows whom (KNOWS; either direction counts).
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: customers, knows (parallel columns).
MATCH (a:Customer)-[:KNOWS]->(b:Customer)
RETURN collect(a.id) AS customers, collect(b.id) AS knows
