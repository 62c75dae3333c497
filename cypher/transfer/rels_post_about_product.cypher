// Purpose: the (Post)-[:ABOUT]->(Product) relationships leaving the given Post nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of Post ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:Post)-[r:ABOUT]->(b:Product)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
