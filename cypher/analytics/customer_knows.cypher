// Purpose: who knows whom (friendships), for the audience of a customer's posts.
// Parameters: none.
// Returns: a, b (customer ids; the relationship is read in its stored direction).
MATCH (a:Customer)-[:KNOWS]->(b:Customer)
RETURN a.id AS a, b.id AS b
