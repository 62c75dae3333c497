// Purpose: projection for the analytics: each customer's purchases (their time and products come
// from analytics/purchase_baskets).
// Parameters: none.
// Returns: customer, purchases (list of Purchase ids).
MATCH (c:Customer)-[:MADE]->(pu:Purchase)
RETURN c.id AS customer, collect(pu.id) AS purchases
