// Purpose: influence evidence - who referred whom.
// Parameters: none.
// Returns: actor (the referrer), target (the referred customer).
MATCH (a:Customer)-[:REFERRED]->(b:Customer)
RETURN a.id AS actor, b.id AS target
