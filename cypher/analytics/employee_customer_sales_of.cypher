// Purpose: as analytics/employee_customer_sales, for the given customers only.
// Parameters: $customers: customer ids.
// Returns: employee, customer, id, at, total.
UNWIND $customers AS cid
MATCH (e:Employee)-[:SOLD]->(pu:Purchase)<-[:MADE]-(c:Customer {id: cid})
WHERE pu.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, pu.id AS id, pu.at AS at, pu.total AS total
