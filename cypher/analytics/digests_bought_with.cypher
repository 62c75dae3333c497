// Purpose: the BOUGHT_WITH edges the graph holds, with the digest of their values, so `rapport analyze`
// rewrites only the edges whose values changed and deletes those no longer computed.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: starts, ends, digests ('' for an edge without one) as parallel columns.
MATCH (a:Product)-[r:BOUGHT_WITH]->(b:Product)
RETURN collect(a.id) AS starts, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
