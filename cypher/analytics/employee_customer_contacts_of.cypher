// Purpose: as analytics/employee_customer_contacts, for the given customers only (alert assignment,
// incremental analysis).
// Parameters: $customers: customer ids.
// Returns: employee, customer, id, channel, at, direction, sentiment, subject.
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:HAD]->(i:Interaction)<-[:HANDLED]-(e:Employee)
WHERE i.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, i.id AS id, i.channel AS channel, i.at AS at,
       i.direction AS direction, i.sentiment AS sentiment, i.subject AS subject
