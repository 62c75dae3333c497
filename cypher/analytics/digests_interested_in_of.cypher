// Purpose: as analytics/digests_interested_in, for the given customers only (incremental analysis).
// Parameters: $ids: customer ids.
// Returns: starts (customers), ends (topics), digests (parallel columns).
UNWIND $ids AS cid
MATCH (a:Customer {id: cid})-[r:INTERESTED_IN]->(b:Topic)
RETURN collect(a.id) AS starts, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
