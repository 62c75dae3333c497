// Purpose: warmth evidence - the sales an employee made to a customer.
// Parameters: none.
// Returns: employee, customer, id (the purchase), at, total.
MATCH (e:Employee)-[:SOLD]->(pu:Purchase)<-[:MADE]-(c:Customer)
WHERE pu.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, pu.id AS id, pu.at AS at, pu.total AS total
