// Purpose: projection for the analytics: the accounts each post mentions.
// Parameters: none.
// Returns: post, accounts (list of SocialAccount ids).
MATCH (p:Post)-[:MENTIONS]->(s:SocialAccount)
RETURN p.id AS post, collect(s.id) AS accounts
