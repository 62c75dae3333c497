// Purpose: how many alerts the queue holds for these filters (a connection's totalCount).
// Parameters: $status, $min_severity, $assignee, $raised_since, $raised_until (see alerts/list).
// Returns: total.
MATCH (a:Alert)
WHERE ($status IS NULL OR a.status = $status)
  AND coalesce(a.severity, 0.0) >= $min_severity
  AND ($assignee IS NULL OR EXISTS { (a)-[:ASSIGNED_TO]->(:Employee {id: $assignee}) })
  AND ($raised_since IS NULL OR a.raisedAt >= $raised_since)
  AND ($raised_until IS NULL OR a.raisedAt < $raised_until)
RETURN count(a) AS total
