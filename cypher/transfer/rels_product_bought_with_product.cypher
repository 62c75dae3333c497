// Purpose: the (Product)-[:BOUGHT_WITH]->(Product) relationships leaving the given Product nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of Product ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:Product)-[r:BOUGHT_WITH]->(b:Product)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
