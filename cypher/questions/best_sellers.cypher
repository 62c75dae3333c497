// Purpose: the best sellers (stored by `rapport analyze`: baskets holding each product), best first:
// what a customer with nothing else to go on is recommended.
// Parameters: $limit: how many.
// Returns: product, sold.
MATCH (p:Product)
WHERE p.salesRank IS NOT NULL AND p.salesRank <= $limit
RETURN p.id AS product, p.sold AS sold
ORDER BY p.salesRank, product
