// Purpose: customers' posts tagged with one topic, with their sentiment.
// Parameters: $topic: topic id (lower-case hashtag or interest).
// Returns: customer, sentiment.
MATCH (t:Topic {id: $topic})<-[:TAGGED]-(p:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
RETURN c.id AS customer, p.sentiment AS sentiment
