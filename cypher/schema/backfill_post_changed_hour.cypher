// Purpose: give Post nodes written before changedHour existed their hour (from updatedAt), a chunk
// at a time: `rapport init` runs it until it returns 0, so the incremental analysis finds them.
// Parameters: $limit: int (nodes per chunk).
// Returns: n (nodes given their hour in this chunk).
MATCH (n:Post)
WHERE n.changedHour IS NULL AND n.updatedAt IS NOT NULL
WITH n LIMIT $limit
SET n.changedHour = toInteger(n.updatedAt.epochSeconds / 3600)
RETURN count(n) AS n
