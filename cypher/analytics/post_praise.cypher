// Purpose: projection for the analytics: positive posts about products (the praise that can convert
// the author's audience).
// Parameters: $min_sentiment: the lowest sentiment that counts as praise.
// Returns: post, at, products (list of Product ids).
MATCH (p:Post)-[:ABOUT]->(pr:Product)
WHERE p.sentiment >= $min_sentiment AND p.at IS NOT NULL
RETURN p.id AS post, p.at AS at, collect(pr.id) AS products
