// Purpose: the customers the given posts touch: their author's owner, and the owner of the post
// each replies to (incremental analysis).
// Parameters: $ids: post ids.
// Returns: post, customers (list of Customer ids).
UNWIND $ids AS pid
MATCH (p:Post {id: pid})
OPTIONAL MATCH (p)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(author:Customer)
OPTIONAL MATCH (p)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(other:Customer)
RETURN p.id AS post, collect(DISTINCT author.id) + collect(DISTINCT other.id) AS customers
