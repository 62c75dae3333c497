// Purpose: as alerts/negative_posts, limited to the given posts (single-post ingestion).
// Parameters: $ids: post ids; $threshold: the alert policy's sentiment threshold.
// Returns: as alerts/negative_posts.
UNWIND $ids AS pid
MATCH (s:SocialAccount)-[:POSTED]->(p:Post {id: pid})
WHERE p.sentiment IS NOT NULL AND p.sentiment <= $threshold AND coalesce(s.isBrand, false) = false
OPTIONAL MATCH (known:Alert)-[:ON]->(p)
OPTIONAL MATCH (p)-[:RESHARES]->(original:Post)
WITH s, p, known, original WHERE known IS NULL AND original IS NULL
OPTIONAL MATCH (p)-[:ABOUT]->(pr:Product)
WITH s, p, count(pr) AS products
OPTIONAL MATCH (p)-[:MENTIONS]->(b:SocialAccount {isBrand: true})
WITH s, p, products, count(b) AS brands
WHERE products > 0 OR brands > 0
OPTIONAL MATCH (staff:Employee)-[:OWNS]->(s)
WITH s, p, products, brands WHERE staff IS NULL
OPTIONAL MATCH (c:Customer)-[:OWNS]->(s)
RETURN p.id AS post, p.at AS at, p.sentiment AS sentiment, p.likes AS likes, p.shares AS shares,
       s.id AS account, s.followers AS followers, c.id AS customer, c.influenceRank AS rank,
       products, brands
