// Purpose: the BOUGHT_WITH edges the graph holds, with the digest of their values, so `rapport analyze`
// rewrites only the edges whose values changed and deletes those no longer computed.
// Parameters: none.
// Returns: start, ends (list of end ids), digests (list, same order; '' for an edge without one).
MATCH (a:Product)-[r:BOUGHT_WITH]->(b:Product)
RETURN a.id AS start, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
