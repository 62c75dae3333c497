// Purpose: the employees' stored warmth (RAPPORT) with each of the given customers; the warmest
// are picked in Python (one read serves every customer of an API request).
// A customer in the graph with none has one row whose employee is null (the API tells "none" from
// "no such customer" by it); a customer not in the graph has no row.
// Parameters: $ids: customer ids.
// Returns: customer, employee, name, warmth, interactions, sales, lastContactAt, breakdownKeys,
// breakdownValues.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)<-[r:RAPPORT]-(e:Employee)
RETURN cid AS customer, e.id AS employee, e.name AS name, r.warmth AS warmth,
       r.interactions AS interactions, r.sales AS sales, r.lastContactAt AS lastContactAt,
       r.breakdownKeys AS breakdownKeys, r.breakdownValues AS breakdownValues
