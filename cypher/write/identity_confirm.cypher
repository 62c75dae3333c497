// Purpose: a reviewer confirms an identity candidate: MAYBE_OWNS becomes OWNS.
// Parameters: $account: SocialAccount id; $person: Customer or Employee id.
// Returns: written (1 when the candidate existed and was confirmed, else 0).
MATCH (a:SocialAccount {id: $account})<-[m:MAYBE_OWNS]-(p)
WHERE p.id = $person
MERGE (p)-[o:OWNS]->(a)
SET o.confidence = 1.0, o.method = 'confirmed: ' + m.method, o.source = 'identity review'
DELETE m
RETURN count(o) AS written
