// Purpose: the alerts raised on one customer's posts (their complaints), newest first.
// Parameters: $id: customer id; $limit.
// Returns: id, status, severity, raisedAt, text.
MATCH (c:Customer {id: $id})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)<-[:ON]-(a:Alert)
RETURN a.id AS id, a.status AS status, a.severity AS severity, a.raisedAt AS raisedAt,
       p.text AS text
ORDER BY raisedAt DESC
LIMIT $limit
