// Purpose: as analytics/employee_customer_contacts, for the given customers only (alert assignment,
// incremental analysis).
// Parameters: $customers: customer ids.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Returns: employees, customers, ids, channels, ats, directions, sentiments, subjects (parallel columns).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:HAD]->(i:Interaction)<-[:HANDLED]-(e:Employee)
WHERE i.at IS NOT NULL
RETURN collect(e.id) AS employees, collect(c.id) AS customers, collect(i.id) AS ids,
       collect(coalesce(i.channel, '')) AS channels, collect(toString(i.at)) AS ats,
       collect(coalesce(i.direction, '')) AS directions,
       collect(coalesce(i.sentiment, -1.0e18)) AS sentiments,
       collect(coalesce(i.subject, '')) AS subjects
