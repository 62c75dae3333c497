// Purpose: the alert outbox from a position on: what every API server tells its subscribers.
// Parameters: $after: a seq (microseconds since the epoch; events at or before it are not
// returned), $limit: page size.
// Returns: id, seq, kind, subject (the alert id), one row per event, in seq order.
MATCH (e:AlertEvent)
WHERE e.seq > $after
RETURN e.id AS id, e.seq AS seq, e.kind AS kind, e.alert AS subject
ORDER BY seq
LIMIT $limit
