// Purpose: delete up to $limit derived relationships of the given types (benchmarks clear them
//          to time a cold first analysis); run again until it returns 0.
// Parameters: $types (list of relationship type names), $limit (int)
// Returns: n (how many were deleted)
MATCH ()-[r]->()
WHERE type(r) IN $types
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS n
