// Purpose: one customer's dated purchases, one row per product.
// Parameters: $id: customer id.
// Returns: purchase, at, product, quantity.
MATCH (c:Customer {id: $id})-[:MADE]->(pu:Purchase)-[line:CONTAINS]->(pr:Product)
WHERE pu.at IS NOT NULL
RETURN pu.id AS purchase, pu.at AS at, pr.id AS product, line.quantity AS quantity
