// Purpose: evidence of influence: the influenced customer's posts that reply to, reshare or quote
// the influencer's posts.
// Parameters: $influencer, $influenced: customer ids.
// Returns: post, at, text, kind (REPLIES_TO, RESHARES, QUOTES), target (the influencer's post).
MATCH (a:Customer {id: $influenced})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[r:REPLIES_TO|RESHARES|QUOTES]->(q:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(b:Customer {id: $influencer})
RETURN p.id AS post, p.at AS at, p.text AS text, type(r) AS kind, q.id AS target
