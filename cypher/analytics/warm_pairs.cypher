// Purpose: the employee-customer pairs whose stored warmth is at or above a threshold, so an
// analysis tells webhooks which pairs crossed it (warmth.crossed).
// Parameters: $threshold: a warmth (0-100).
// Returns: starts (employees), ends (customers), warmths, as parallel columns.
MATCH (a:Employee)-[r:RAPPORT]->(b:Customer)
WHERE r.warmth >= $threshold
RETURN collect(a.id) AS starts, collect(b.id) AS ends, collect(r.warmth) AS warmths
