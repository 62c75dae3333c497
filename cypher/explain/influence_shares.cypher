// Purpose: evidence of influence: the influencer's posts that the influenced customer shared as
// they were (retweets: a SHARED edge from their account, not a post of their own).
// Parameters: $influencer, $influenced: customer ids.
// Returns: post (the influencer's post that was shared), at (when it was shared), text.
MATCH (a:Customer {id: $influenced})-[:OWNS]->(:SocialAccount)-[r:SHARED]->(q:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(b:Customer {id: $influencer})
RETURN q.id AS post, r.at AS at, q.text AS text
