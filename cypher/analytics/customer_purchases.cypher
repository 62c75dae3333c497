// Purpose: every product each customer bought, and when (conversions, recommendations).
// Parameters: none.
// Returns: customer, product, at (the purchase's time), purchase (id).
MATCH (c:Customer)-[:MADE]->(pu:Purchase)-[:CONTAINS]->(pr:Product)
WHERE pu.at IS NOT NULL
RETURN c.id AS customer, pr.id AS product, pu.at AS at, pu.id AS purchase
