// Purpose: as analytics/digests_interested_in, for the given customers only (incremental analysis).
// Parameters: $ids: customer ids.
// Returns: start (customer), ends (list of topic ids), digests (same order).
UNWIND $ids AS cid
MATCH (a:Customer {id: cid})-[r:INTERESTED_IN]->(b:Topic)
RETURN a.id AS start, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
