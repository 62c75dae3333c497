// Purpose: how many alerts there are of one status (the alerts connection's totalCount).
// Parameters: $status: open|acknowledged|resolved or null for all; $min_severity: 0..1.
// Returns: total.
MATCH (a:Alert)
WHERE ($status IS NULL OR a.status = $status)
  AND coalesce(a.severity, 0.0) >= $min_severity
RETURN count(a) AS total
