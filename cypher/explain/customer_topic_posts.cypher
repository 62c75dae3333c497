// Purpose: one customer's posts tagged with a topic.
// Parameters: $id: customer id; $topic: topic id.
// Returns: post, at, text.
MATCH (c:Customer {id: $id})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:TAGGED]->(t:Topic {id: $topic})
RETURN p.id AS post, p.at AS at, p.text AS text
