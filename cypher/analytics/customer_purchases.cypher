// Purpose: projection for the analytics: each customer's dated purchases (their products come from
// analytics/purchase_baskets).
// Parameters: none.
// Returns: customer, purchases (list of Purchase ids), ats (their times, in the same order).
MATCH (c:Customer)-[:MADE]->(pu:Purchase)
WHERE pu.at IS NOT NULL
WITH c, pu ORDER BY pu.id
RETURN c.id AS customer, collect(pu.id) AS purchases, collect(pu.at) AS ats
