// Purpose: every dated purchase of one product (refunded and voided orders left out).
// Parameters: $product: product id.
// Returns: customer, purchase, at.
MATCH (pr:Product {id: $product})<-[:CONTAINS]-(pu:Purchase)<-[:MADE]-(c:Customer)
WHERE pu.at IS NOT NULL AND NOT coalesce(pu.financialStatus, '') IN ['refunded', 'voided']
RETURN c.id AS customer, pu.id AS purchase, pu.at AS at
