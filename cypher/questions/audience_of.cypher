// Purpose: who can see the given customers' posts: followers of their accounts who are customers,
// and the customers they know (either direction).
// Parameters: $customers: customer ids.
// Returns: customer, audience (list of Customer ids).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:OWNS]->(:SocialAccount)<-[:FOLLOWS]-(:SocialAccount)<-[:OWNS]-(f:Customer)
OPTIONAL MATCH (c)-[:KNOWS]-(k:Customer)
RETURN c.id AS customer, collect(DISTINCT f.id) + collect(DISTINCT k.id) AS audience
