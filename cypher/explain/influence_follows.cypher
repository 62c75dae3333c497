// Purpose: evidence of influence: the influenced customer's accounts following the influencer's.
// Parameters: $influencer, $influenced: customer ids.
// Returns: follower, followed (SocialAccount ids).
MATCH (a:Customer {id: $influenced})-[:OWNS]->(x:SocialAccount)-[:FOLLOWS]->(y:SocialAccount)<-[:OWNS]-(b:Customer {id: $influencer})
RETURN x.id AS follower, y.id AS followed
