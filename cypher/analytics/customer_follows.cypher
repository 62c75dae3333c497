// Purpose: influence evidence - which customer follows which customer (through their accounts).
// Parameters: none.
// Returns: actor (the follower), target (the followed customer); one row per account follow.
MATCH (a:Customer)-[:OWNS]->(:SocialAccount)-[:FOLLOWS]->(:SocialAccount)<-[:OWNS]-(b:Customer)
WHERE a <> b
RETURN a.id AS actor, b.id AS target
