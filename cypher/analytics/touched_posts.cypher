// Purpose: incremental analysis: the posts written since a moment, with the customers they touch
// (their author's owner, and the owner of the post they reply to).
// Parameters: $since: datetime.
// Returns: post, customers (list of Customer ids).
MATCH (p:Post)
WHERE p.updatedAt > $since
OPTIONAL MATCH (p)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(author:Customer)
OPTIONAL MATCH (p)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(other:Customer)
RETURN p.id AS post, collect(DISTINCT author.id) + collect(DISTINCT other.id) AS customers
