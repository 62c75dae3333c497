// Purpose: what customers talk about - the topics of their posts, with the posts' sentiment.
// Parameters: none.
// Returns: customer, topic, sentiment (of the post, may be null).
MATCH (c:Customer)-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:TAGGED]->(t:Topic)
RETURN c.id AS customer, t.id AS topic, p.sentiment AS sentiment
