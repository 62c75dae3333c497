// Purpose: projection for the analytics: replies, reshares and quotes between posts.
// Parameters: none.
// Returns: post, kind (REPLIES_TO, RESHARES or QUOTES), target (the post referred to).
MATCH (p:Post)-[r:REPLIES_TO|RESHARES|QUOTES]->(q:Post)
RETURN p.id AS post, type(r) AS kind, q.id AS target
