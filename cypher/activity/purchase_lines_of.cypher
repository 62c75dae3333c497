// Purpose: the line items of the given purchases (API loaders).
// A purchase with no lines has one row whose product is null.
// Parameters: $ids: purchase ids.
// Returns: purchase, product, name (the product's), quantity, unitPrice.
UNWIND $ids AS pid
MATCH (p:Purchase {id: pid})
OPTIONAL MATCH (p)-[r:CONTAINS]->(x:Product)
RETURN pid AS purchase, x.id AS product, x.name AS name, r.quantity AS quantity,
       r.unitPrice AS unitPrice
