// Purpose: warmth evidence - the sales an employee made to a customer.
// Parameters: none.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Returns: employees, customers, ids, ats, totals (parallel columns).
MATCH (e:Employee)-[:SOLD]->(pu:Purchase)<-[:MADE]-(c:Customer)
WHERE pu.at IS NOT NULL
RETURN collect(e.id) AS employees, collect(c.id) AS customers, collect(pu.id) AS ids,
       collect(toString(pu.at)) AS ats, collect(coalesce(pu.total, -1.0e18)) AS totals
