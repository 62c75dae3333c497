// Purpose: projection for the analytics: whom each customer referred.
// Parameters: none.
// Returns: customer, referred (list of Customer ids).
MATCH (a:Customer)-[:REFERRED]->(b:Customer)
RETURN a.id AS customer, collect(b.id) AS referred
