// Purpose: delete up to $limit alerts with their relationships (benchmarks clear them to time a
//          cold first analysis); run again until it returns 0.
// Parameters: $limit (int)
// Returns: n (how many were deleted)
MATCH (a:Alert)
WITH a LIMIT $limit
DETACH DELETE a
RETURN count(*) AS n
