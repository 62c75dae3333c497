// Purpose: influence evidence - customers speaking positively about a product in public.
// Parameters: $min_sentiment: the sentiment from which a post counts as praise (e.g. 0.3).
// Returns: customer, product, at (the post's time), post (id).
MATCH (c:Customer)-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:ABOUT]->(pr:Product)
WHERE p.sentiment >= $min_sentiment AND p.at IS NOT NULL
RETURN c.id AS customer, pr.id AS product, p.at AS at, p.id AS post
