// Purpose: a reviewer rejects an identity candidate; it is kept, marked, and never proposed again.
// Parameters: $account: SocialAccount id; $person: Customer or Employee id.
// Returns: written (1 when the candidate existed, else 0).
MATCH (a:SocialAccount {id: $account})<-[m:MAYBE_OWNS]-(p)
WHERE p.id = $person
SET m.status = 'rejected'
RETURN count(m) AS written
