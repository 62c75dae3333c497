// Purpose: as analytics/employee_customer_owners, for the given customers only. The pattern starts
// at the customer: ArcadeDB expands from the first node it meets.
// Parameters: $customers: customer ids.
// Returns: employees, customers (parallel columns).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})<-[:MANAGES]-(e:Employee)
RETURN collect(e.id) AS employees, collect(c.id) AS customers
