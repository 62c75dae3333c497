// Purpose: warmth evidence - every interaction between an employee and a customer.
// Parameters: none.
// Returns: employee, customer, id, channel, at, direction, sentiment, subject.
MATCH (c:Customer)-[:HAD]->(i:Interaction)<-[:HANDLED]-(e:Employee)
WHERE i.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, i.id AS id, i.channel AS channel, i.at AS at,
       i.direction AS direction, i.sentiment AS sentiment, i.subject AS subject
