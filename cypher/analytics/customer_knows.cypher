// Purpose: projection for the analytics: who each customer knows (KNOWS, either direction counts).
// Parameters: none.
// Returns: customer, knows (list of Customer ids).
MATCH (a:Customer)-[:KNOWS]->(b:Customer)
RETURN a.id AS customer, collect(b.id) AS knows
