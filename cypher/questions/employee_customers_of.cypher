// Purpose: the customers of each of the given employees with their stored warmth (RAPPORT);
// ordered and paged in Python.
// Parameters: $ids: employee ids.
// Returns: employee, customer, name, warmth, interactions, sales, lastContactAt.
UNWIND $ids AS eid
MATCH (e:Employee {id: eid})-[r:RAPPORT]->(c:Customer)
RETURN eid AS employee, c.id AS customer, c.name AS name, r.warmth AS warmth,
       r.interactions AS interactions, r.sales AS sales, r.lastContactAt AS lastContactAt
