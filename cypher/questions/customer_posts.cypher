// Purpose: one customer's dated posts with their sentiment (sentiment over time).
// Parameters: $id: customer id.
// Returns: post, at, sentiment, text.
MATCH (c:Customer {id: $id})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)
WHERE p.at IS NOT NULL AND p.sentiment IS NOT NULL
RETURN p.id AS post, p.at AS at, p.sentiment AS sentiment, p.text AS text
ORDER BY at
