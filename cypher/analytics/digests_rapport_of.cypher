// Purpose: as analytics/digests_rapport, for the RAPPORT edges of the given customers only
// (incremental analysis).
// Parameters: $ids: customer ids.
// Returns: start (employee), ends (list of customer ids), digests (same order).
UNWIND $ids AS cid
MATCH (b:Customer {id: cid})<-[r:RAPPORT]-(a:Employee)
RETURN a.id AS start, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
