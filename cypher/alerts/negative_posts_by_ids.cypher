// Purpose: as alerts/negative_posts, limited to the given posts (single-post ingestion).
// Parameters: $ids: post ids; $threshold: the alert policy's sentiment threshold.
// Returns: as alerts/negative_posts.
UNWIND $ids AS pid
MATCH (p:Post {id: pid})<-[:POSTED]-(s:SocialAccount)
WHERE p.sentiment <= $threshold AND coalesce(s.isBrand, false) = false
OPTIONAL MATCH (p)<-[:ON]-(known:Alert)
OPTIONAL MATCH (p)-[:RESHARES]->(original:Post)
WITH s, p, known, original WHERE known IS NULL AND original IS NULL
OPTIONAL MATCH (p)-[:ABOUT]->(pr:Product)
WITH s, p, count(pr) AS products
OPTIONAL MATCH (p)-[:MENTIONS]->(b:SocialAccount {isBrand: true})
WITH s, p, products, count(b) AS brands
WHERE products > 0 OR brands > 0
OPTIONAL MATCH (s)<-[:OWNS]-(staff:Employee)
WITH s, p, products, brands WHERE staff IS NULL
OPTIONAL MATCH (s)<-[:OWNS]-(c:Customer)
RETURN p.id AS post, p.at AS at, p.sentiment AS sentiment, p.likes AS likes, p.shares AS shares,
       s.id AS account, s.followers AS followers, c.id AS customer, c.influenceRank AS rank,
       products, brands
