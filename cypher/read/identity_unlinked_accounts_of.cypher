// Purpose: which of the given social accounts nobody owns yet (identity resolution of the accounts
// a pushed body brought). Brand accounts are ours, not a person's, and are left out.
// Parameters: $ids: social account ids.
// Returns: id, handle, displayName, location, email, rejected (ids of people a reviewer
// already said do not own it).
UNWIND $ids AS id
MATCH (a:SocialAccount {id: id})
WHERE NOT EXISTS { ()-[:OWNS]->(a) } AND coalesce(a.isBrand, false) = false
RETURN a.id AS id, a.handle AS handle, a.displayName AS displayName, a.location AS location,
       a.email AS email,
       [(p)-[m:MAYBE_OWNS]->(a) WHERE m.status = 'rejected' | p.id] AS rejected
