// Purpose: as analytics/warm_pairs, for the given customers only (incremental analysis).
// Parameters: $ids: customer ids; $threshold: a warmth (0-100).
// Returns: starts (employees), ends (customers), warmths, as parallel columns.
UNWIND $ids AS cid
MATCH (b:Customer {id: cid})<-[r:RAPPORT]-(a:Employee)
WHERE r.warmth >= $threshold
RETURN collect(a.id) AS starts, collect(b.id) AS ends, collect(r.warmth) AS warmths
