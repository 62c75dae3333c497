// Purpose: the INTERESTED_IN edges the graph holds, with the digest of their values, so `rapport analyze`
// rewrites only the edges whose values changed and deletes those no longer computed.
// Parameters: none.
// Returns: start, ends (list of end ids), digests (list, same order; '' for an edge without one).
MATCH (a:Customer)-[r:INTERESTED_IN]->(b:Topic)
RETURN a.id AS start, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
