// Purpose: the (Employee)-[:WORKS_AT]->(Company) relationships leaving the given Employee nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of Employee ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:Employee)-[r:WORKS_AT]->(b:Company)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
