// Purpose: the (Alert)-[:ASSIGNED_TO]->(Employee) relationships leaving the given Alert nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of Alert ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:Alert)-[r:ASSIGNED_TO]->(b:Employee)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
