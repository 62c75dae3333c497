// Purpose: the employees with the warmest relationship with one customer (stored RAPPORT).
// Parameters: $id: customer id; $limit.
// Returns: employee, name, warmth, interactions, sales, lastContactAt, breakdownKeys,
// breakdownValues.
MATCH (c:Customer {id: $id})<-[r:RAPPORT]-(e:Employee)
RETURN e.id AS employee, e.name AS name, r.warmth AS warmth, r.interactions AS interactions,
       r.sales AS sales, r.lastContactAt AS lastContactAt, r.breakdownKeys AS breakdownKeys,
       r.breakdownValues AS breakdownValues
ORDER BY warmth DESC, employee
LIMIT $limit
