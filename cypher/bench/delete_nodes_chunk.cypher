// Purpose: empty the database (tests and benchmarks on Neo4j, which has one user database):
//          delete up to $limit nodes with their relationships; run again until it returns 0.
// Parameters: $limit (int)
// Returns: n (how many nodes were deleted)
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS n
