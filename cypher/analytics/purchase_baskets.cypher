// Purpose: the products of every purchase, and its time: co-purchase association (BOUGHT_WITH) and
// the purchases conversions are looked for in.
// Parameters: none.
// Returns: purchase (id), at (may be null), products (list of SKUs).
MATCH (pu:Purchase)-[:CONTAINS]->(pr:Product)
RETURN pu.id AS purchase, pu.at AS at, collect(pr.id) AS products
