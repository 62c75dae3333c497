// Purpose: as analytics/digests_rapport, for the RAPPORT edges of the given customers only
// (incremental analysis).
// Parameters: $ids: customer ids.
// Returns: starts (employees), ends (customers), digests (parallel columns).
UNWIND $ids AS cid
MATCH (b:Customer {id: cid})<-[r:RAPPORT]-(a:Employee)
RETURN collect(a.id) AS starts, collect(b.id) AS ends, collect(coalesce(r.digest, '')) AS digests
