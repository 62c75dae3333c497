// Purpose: the posts that need an alert and have none: sentiment at or below the threshold, about
// our products or mentioning a brand account, not written by a brand account or an employee, and
// not a plain reshare (its audience counts in the original's shares, not as another alert).
// Parameters: $threshold: the alert policy's sentiment threshold (e.g. -0.3).
// Returns: post, at, sentiment, likes, shares, account, followers, customer (the owner, may be
// null), rank (the owner's influenceRank, may be null), products (ABOUT count), brands (brand
// MENTIONS count). A post of an account with two owners comes once per owner.
MATCH (p:Post)
WHERE p.sentiment <= $threshold
MATCH (p)<-[:POSTED]-(s:SocialAccount)
WHERE coalesce(s.isBrand, false) = false
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
