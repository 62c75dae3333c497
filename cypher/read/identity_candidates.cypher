// Purpose: identity matches waiting for a person to confirm or reject (`rapport identities review`).
// Parameters: $limit: how many, most confident first.
// Returns: account, displayName, location, personLabel, person, personName, personCity,
// confidence, method.
MATCH (p)-[m:MAYBE_OWNS]->(a:SocialAccount)
WHERE m.status = 'candidate'
RETURN a.id AS account, a.displayName AS displayName, a.location AS location,
       labels(p)[0] AS personLabel, p.id AS person, p.name AS personName, p.city AS personCity,
       m.confidence AS confidence, m.method AS method
ORDER BY m.confidence DESC, a.id
LIMIT $limit
