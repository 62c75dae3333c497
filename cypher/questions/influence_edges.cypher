// Purpose: the stored influence graph (INFLUENCES with weights), grouped per influencer: for the
// strongest path between two customers and campaign seeds.
// Parameters: none.
// Returns: start, ends (list of Customer ids), weights (same order).
MATCH (a:Customer)-[r:INFLUENCES]->(b:Customer)
RETURN a.id AS start, collect(b.id) AS ends, collect(coalesce(r.weight, 0.0)) AS weights
