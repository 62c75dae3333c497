// Purpose: social accounts nobody owns yet (identity resolution looks for their owners).
// Brand accounts are ours, not a person's, and are left out.
// Parameters: none.
// Returns: id, handle, displayName, location, email, rejected (ids of people a reviewer
// already said do not own it).
MATCH (a:SocialAccount)
WHERE NOT EXISTS { ()-[:OWNS]->(a) } AND coalesce(a.isBrand, false) = false
// The rejected pairs by OPTIONAL MATCH: ArcadeDB spent 9.5 s on the same pattern comprehension
// for 7 accounts of 80,000 at 100,000 customers (0.4 s this way).
OPTIONAL MATCH (p)-[:MAYBE_OWNS {status: 'rejected'}]->(a)
RETURN a.id AS id, a.handle AS handle, a.displayName AS displayName, a.location AS location,
       a.email AS email, collect(p.id) AS rejected
