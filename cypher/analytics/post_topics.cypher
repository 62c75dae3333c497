// Purpose: projection for the analytics: the topics of each tagged post, with its sentiment.
// Parameters: none.
// Returns: post, sentiment, topics (list of Topic ids).
MATCH (p:Post)-[:TAGGED]->(t:Topic)
RETURN p.id AS post, p.sentiment AS sentiment, collect(t.id) AS topics
