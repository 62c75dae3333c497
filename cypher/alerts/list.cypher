// Purpose: alerts with their post, author and assignee, most severe first (the on-duty queue).
// Parameters: $status: open|acknowledged|resolved or null for all; $min_severity: 0..1;
// $skip, $limit: paging.
// Returns: id, kind, severity, status, raisedAt, dueBy, team, reasons, respondedAt,
// responseMinutes, acknowledgedAt, resolvedAt, resolution, post, text, postedAt, sentiment,
// account, customer, customerName, assignee, assigneeName.
MATCH (a:Alert)
WHERE ($status IS NULL OR a.status = $status)
  AND coalesce(a.severity, 0.0) >= $min_severity
OPTIONAL MATCH (a)-[:ON]->(p:Post)
OPTIONAL MATCH (p)<-[:POSTED]-(s:SocialAccount)
OPTIONAL MATCH (s)<-[:OWNS]-(c:Customer)
OPTIONAL MATCH (a)-[:ASSIGNED_TO]->(e:Employee)
WITH a, p, s, collect(c)[0] AS c, collect(e)[0] AS e
RETURN a.id AS id, a.kind AS kind, a.severity AS severity, a.status AS status,
       a.raisedAt AS raisedAt, a.dueBy AS dueBy, a.team AS team, a.reasons AS reasons,
       a.respondedAt AS respondedAt, a.responseMinutes AS responseMinutes,
       a.acknowledgedAt AS acknowledgedAt, a.resolvedAt AS resolvedAt, a.resolution AS resolution,
       p.id AS post, p.text AS text, p.at AS postedAt, p.sentiment AS sentiment, s.id AS account,
       c.id AS customer, c.name AS customerName, e.id AS assignee, e.name AS assigneeName
ORDER BY severity DESC, raisedAt ASC, id ASC
SKIP $skip LIMIT $limit
