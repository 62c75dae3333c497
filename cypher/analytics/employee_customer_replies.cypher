// Purpose: warmth evidence - public replies an employee wrote (for the brand) to a customer's post.
// Parameters: none.
// Returns: employee, customer, id (the reply), at, sentiment, subject (the reply's text, cut).
MATCH (e:Employee)-[:WROTE]->(r:Post)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
WHERE r.at IS NOT NULL
RETURN e.id AS employee, c.id AS customer, r.id AS id, r.at AS at, r.sentiment AS sentiment,
       substring(r.text, 0, 120) AS subject
