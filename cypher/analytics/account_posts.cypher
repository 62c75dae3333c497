// Purpose: projection for the analytics: the posts of each account.
// Parameters: none.
// Returns: account, posts (list of Post ids).
MATCH (s:SocialAccount)-[:POSTED]->(p:Post)
RETURN s.id AS account, collect(p.id) AS posts
