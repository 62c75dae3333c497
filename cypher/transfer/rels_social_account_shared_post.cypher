// Purpose: the (SocialAccount)-[:SHARED]->(Post) relationships leaving the given SocialAccount nodes, with
// every stored property (db dump and copy read them per page of start nodes; tests read them too).
// Parameters: $ids: list of SocialAccount ids.
// Returns: start, end (ids) and props (the relationship's properties).
MATCH (a:SocialAccount)-[r:SHARED]->(b:Post)
WHERE a.id IN $ids
RETURN a.id AS start, b.id AS end, properties(r) AS props
