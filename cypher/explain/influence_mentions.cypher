// Purpose: evidence of influence: the influenced customer's posts that mention the influencer.
// Parameters: $influencer, $influenced: customer ids.
// Returns: post, at, text, account (the influencer's account mentioned).
MATCH (a:Customer {id: $influenced})-[:OWNS]->(:SocialAccount)-[:POSTED]->(p:Post)-[:MENTIONS]->(s:SocialAccount)<-[:OWNS]-(b:Customer {id: $influencer})
RETURN p.id AS post, p.at AS at, p.text AS text, s.id AS account
