// Purpose: the products of every purchase, for co-purchase association (BOUGHT_WITH).
// Parameters: none.
// Returns: purchase (id), products (list of SKUs).
MATCH (pu:Purchase)-[:CONTAINS]->(pr:Product)
RETURN pu.id AS purchase, collect(pr.id) AS products
