// Purpose: the products the given customers bought, and those they praised.
// Parameters: $customers: customer ids; $min_sentiment.
// Returns: customer, bought (list of product ids), praised (list of product ids).
UNWIND $customers AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:MADE]->(:Purchase)-[:CONTAINS]->(b:Product)
WITH c, collect(DISTINCT b.id) AS bought
OPTIONAL MATCH (c)-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:ABOUT]->(pp:Product)
WHERE p.sentiment >= $min_sentiment
RETURN c.id AS customer, bought, collect(DISTINCT pp.id) AS praised
