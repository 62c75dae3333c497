// Purpose: warmth evidence - the employee who owns each customer's account (the CRM's contact
// owner).
// Projections return one row of parallel columns (much faster to decode than a row per fact).
// Parameters: none.
// Returns: employees, customers (parallel columns).
MATCH (e:Employee)-[:MANAGES]->(c:Customer)
RETURN collect(e.id) AS employees, collect(c.id) AS customers
