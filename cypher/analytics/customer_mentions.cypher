// Purpose: influence evidence - customers mentioning other customers' accounts in their posts.
// Parameters: none.
// Returns: actor (who mentioned), target (the customer mentioned).
MATCH (a:Customer)-[:OWNS]->(:SocialAccount)-[:POSTED]->(:Post)-[:MENTIONS]->(:SocialAccount)<-[:OWNS]-(b:Customer)
WHERE a <> b
RETURN a.id AS actor, b.id AS target
