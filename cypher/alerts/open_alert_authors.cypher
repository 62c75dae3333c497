// Purpose: open alerts with their author, so `rapport analyze` can refresh their severity and give
// the ones the on-duty team holds to the author's warmest employee.
// Parameters: none.
// Returns: id, post, at, sentiment, likes, shares, followers, customer, rank, team, raisedAt,
// reasons, products, brands.
MATCH (a:Alert)-[:ON]->(p:Post)<-[:POSTED]-(s:SocialAccount)
WHERE a.status = 'open'
OPTIONAL MATCH (s)<-[:OWNS]-(c:Customer)
OPTIONAL MATCH (p)-[:ABOUT]->(pr:Product)
WITH a, p, s, collect(c)[0] AS c, count(pr) AS products
OPTIONAL MATCH (p)-[:MENTIONS]->(b:SocialAccount {isBrand: true})
RETURN a.id AS id, p.id AS post, p.at AS at, p.sentiment AS sentiment, p.likes AS likes,
       p.shares AS shares, s.followers AS followers, c.id AS customer, c.influenceRank AS rank,
       a.team AS team, a.raisedAt AS raisedAt, a.reasons AS reasons, products,
       count(b) AS brands
