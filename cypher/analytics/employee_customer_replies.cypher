// Purpose: warmth evidence - public replies an employee wrote (for the brand) to a customer's post.
// Parameters: none.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Returns: employees, customers, ids, ats, sentiments, subjects (parallel columns).
MATCH (e:Employee)-[:WROTE]->(r:Post)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
WHERE r.at IS NOT NULL
RETURN collect(e.id) AS employees, collect(c.id) AS customers, collect(r.id) AS ids,
       collect(toString(r.at)) AS ats, collect(coalesce(r.sentiment, -1.0e18)) AS sentiments,
       collect(coalesce(substring(r.text, 0, 120), '')) AS subjects
