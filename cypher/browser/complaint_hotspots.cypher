// Purpose: Neo4j Browser - complaint hot spots: negative posts (sentiment <= -0.3, the alert
// threshold) about each product, week by week, worst first.
// Parameters: $since: the first day to count, an ISO date (`:param since => '2026-01-01'`).
// Returns: product, name, week (the Monday it starts), complaints, worst (the lowest sentiment),
//   alerts (of those posts, how many raised an alert), posts (their ids).
MATCH (p:Post)-[:ABOUT]->(pr:Product)
WHERE p.sentiment <= -0.3 AND p.at IS NOT NULL AND p.at >= datetime($since)
WITH pr, date.truncate('week', p.at) AS week, p
RETURN pr.id AS product, pr.name AS name, toString(week) AS week, count(p) AS complaints,
       min(p.sentiment) AS worst, sum(COUNT { (:Alert)-[:ON]->(p) }) AS alerts,
       collect(p.id) AS posts
ORDER BY complaints DESC, worst, product, week
LIMIT 100
