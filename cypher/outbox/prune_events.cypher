// Purpose: forget event outbox entries every server has long read (older than a moment).
// Parameters: $before: a seq (microseconds since the epoch); $limit: at most this many at once.
// Returns: removed.
MATCH (e:OutboxEvent)
WHERE e.seq < $before
WITH e LIMIT $limit
DELETE e
RETURN count(*) AS removed
