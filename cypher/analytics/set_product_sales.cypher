// Purpose: write how often each product sells (baskets holding it) and its rank among the best
// sellers, so recommendations can fall back on best sellers without counting purchases per request.
// Parameters: $rows: list of {id: product id, sold: baskets holding it, rank: 1 = best seller}.
// Returns: written (products updated).
UNWIND $rows AS row
MATCH (p:Product {id: row.id})
SET p.sold = row.sold, p.salesRank = row.rank
RETURN count(p) AS written
