// Purpose: the alerts with no brand answer recorded yet, and their posts: `rapport analyze` looks
// up the first answer to those posts (alerts/first_replies.cypher) and records it.
// Parameters: none.
// Returns: alert, post, raisedAt, status.
MATCH (a:Alert)-[:ON]->(p:Post)
WHERE a.respondedAt IS NULL
RETURN a.id AS alert, p.id AS post, a.raisedAt AS raisedAt, a.status AS status
