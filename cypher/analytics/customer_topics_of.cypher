// Purpose: the topics of the given customers' posts, with each post's sentiment (incremental
// analysis).
// Parameters: $customers: customer ids.
// Returns: customer, topic, sentiment (one row per post and topic).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:TAGGED]->(t:Topic)
RETURN c.id AS customer, t.id AS topic, p.sentiment AS sentiment
