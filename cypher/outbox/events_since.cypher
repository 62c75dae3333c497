// Purpose: the event outbox from a position on: what analyses found (analysis.finished,
// warmth.crossed, influencer.entered), which every API server sends to webhook subscribers.
// Parameters: $after: a seq (microseconds since the epoch; events at or before it are not
// returned), $limit: page size.
// Returns: id, seq, kind, subject (the event's data as JSON), one row per event, in seq order.
MATCH (e:OutboxEvent)
WHERE e.seq > $after
RETURN e.id AS id, e.seq AS seq, e.kind AS kind, e.data AS subject
ORDER BY seq
LIMIT $limit
