// Purpose: as analytics/employee_customer_sales, for the given customers only. The pattern starts
// at the customer: ArcadeDB expands from the first node it meets.
// Parameters: $customers: customer ids.
// Returns: employee, customer, id, at, total.
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:MADE]->(pu:Purchase)<-[:SOLD]-(e:Employee)
WHERE pu.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, pu.id AS id, pu.at AS at, pu.total AS total
