// Purpose: how many posts tagged with each topic are about each product (the full analysis keeps
// each topic's most discussed products on the topic, for recommendations by interest).
// Parameters: none.
// Returns: topic, product, posts.
MATCH (t:Topic)<-[:TAGGED]-(:Post)-[:ABOUT]->(pr:Product)
RETURN t.id AS topic, pr.id AS product, count(*) AS posts
