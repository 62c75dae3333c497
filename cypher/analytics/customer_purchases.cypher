// Purpose: projection for the analytics: who made each purchase.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: customers, purchases (parallel columns).
MATCH (c:Customer)-[:MADE]->(pu:Purchase)
RETURN collect(c.id) AS customers, collect(pu.id) AS purchases
