// Purpose: record the first brand answer on alerts that have none yet (`rapport analyze`): the
// response time, and an open alert acknowledged. An alert that got its response meanwhile (a
// concurrent run) keeps the first one recorded. Cheaper than write/upsert_alert, which compares
// every property first: each row here changes its alert.
// Parameters: $rows: list of {id: Alert id, props: {respondedAt, responseMinutes?, status?,
// acknowledgedAt?}}.
// Returns: written (alerts given their response).
UNWIND $rows AS row
MATCH (n:Alert {id: row.id})
WHERE n.respondedAt IS NULL
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written
