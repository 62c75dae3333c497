// Purpose: the (Customer)-[:WORKS_AT]->(Company) relationships leaving the given Customer nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of Customer ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:Customer)-[r:WORKS_AT]->(b:Company)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
