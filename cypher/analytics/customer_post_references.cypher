// Purpose: influence evidence - customers replying to, resharing or quoting other customers' posts.
// Parameters: none.
// Returns: actor (who replied/reshared/quoted), target (whose post it was), kind (REPLIES_TO,
// RESHARES or QUOTES).
MATCH (a:Customer)-[:OWNS]->(:SocialAccount)-[:POSTED]->(:Post)-[r:REPLIES_TO|RESHARES|QUOTES]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(b:Customer)
WHERE a <> b
RETURN a.id AS actor, b.id AS target, type(r) AS kind
