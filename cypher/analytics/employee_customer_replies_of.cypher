// Purpose: as analytics/employee_customer_replies, for the given customers only (starting at the
// customer, see employee_customer_sales_of).
// Parameters: $customers: customer ids.
// Returns: employee, customer, id, at, sentiment, subject.
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:OWNS]->(:SocialAccount)-[:POSTED]->(:Post)<-[:REPLIES_TO]-(r:Post)<-[:WROTE]-(e:Employee)
WHERE r.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, r.id AS id, r.at AS at, r.sentiment AS sentiment,
       substring(r.text, 0, 120) AS subject
