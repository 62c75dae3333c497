// Purpose: customers' positive posts about one product (who may have converted others to it).
// Parameters: $product: product id; $min_sentiment.
// Returns: customer, post, at.
MATCH (pr:Product {id: $product})<-[:ABOUT]-(p:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
WHERE p.sentiment >= $min_sentiment AND p.at IS NOT NULL
RETURN c.id AS customer, p.id AS post, p.at AS at
