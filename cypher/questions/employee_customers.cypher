// Purpose: an employee's customers, warmest first (stored RAPPORT).
// Parameters: $id: employee id; $limit.
// Returns: customer, name, warmth, interactions, sales, lastContactAt.
MATCH (e:Employee {id: $id})-[r:RAPPORT]->(c:Customer)
RETURN c.id AS customer, c.name AS name, r.warmth AS warmth, r.interactions AS interactions,
       r.sales AS sales, r.lastContactAt AS lastContactAt
ORDER BY warmth DESC, customer
LIMIT $limit
