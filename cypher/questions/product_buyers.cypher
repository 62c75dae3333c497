// Purpose: every dated purchase of one product.
// Parameters: $product: product id.
// Returns: customer, purchase, at.
MATCH (pr:Product {id: $product})<-[:CONTAINS]-(pu:Purchase)<-[:MADE]-(c:Customer)
WHERE pu.at IS NOT NULL
RETURN c.id AS customer, pu.id AS purchase, pu.at AS at
