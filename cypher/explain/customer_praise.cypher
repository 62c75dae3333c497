// Purpose: one customer's positive posts about products (praise that can convert others).
// Parameters: $id: customer id; $min_sentiment.
// Returns: post, at, text, product.
MATCH (c:Customer {id: $id})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:ABOUT]->(pr:Product)
WHERE p.sentiment >= $min_sentiment AND p.at IS NOT NULL
RETURN p.id AS post, p.at AS at, p.text AS text, pr.id AS product
