// Purpose: as analytics/employee_customer_sales, for the given customers only. The pattern starts
// at the customer: ArcadeDB expands from the first node it meets.
// Parameters: $customers: customer ids.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Returns: employees, customers, ids, ats, totals (parallel columns).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:MADE]->(pu:Purchase)<-[:SOLD]-(e:Employee)
WHERE pu.at IS NOT NULL
RETURN collect(e.id) AS employees, collect(c.id) AS customers, collect(pu.id) AS ids,
       collect(toString(pu.at)) AS ats, collect(coalesce(pu.total, -1.0e18)) AS totals
