// Purpose: as analytics/employee_customer_replies, for the given customers only.
// Parameters: $customers: customer ids.
// Returns: employee, customer, id, at, sentiment, subject.
UNWIND $customers AS cid
MATCH (e:Employee)-[:WROTE]->(r:Post)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer {id: cid})
WHERE r.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, r.id AS id, r.at AS at, r.sentiment AS sentiment,
       substring(r.text, 0, 120) AS subject
