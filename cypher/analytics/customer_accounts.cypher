// Purpose: projection for the analytics: each customer's social accounts.
// Parameters: none.
// Returns: customer, accounts (list of SocialAccount ids).
MATCH (c:Customer)-[:OWNS]->(s:SocialAccount)
RETURN c.id AS customer, collect(s.id) AS accounts
