// Purpose: alerts with their post, author and assignee, most severe first (the on-duty queue).
// Keyset paging: rows come after the cursor ($num, $txt, $cursor_id; all null for the first page)
// in the order read ($desc: descending on every key), so a page never repeats or skips a row when
// others are written meanwhile. num is the severity, txt unused ('').
// Parameters: $status: open|acknowledged|resolved or null for all; $min_severity: 0..1;
// $assignee: an employee id or null; $raised_since, $raised_until: datetimes or null;
// $desc, $num, $txt, $cursor_id, $limit.
// Returns: id, kind, severity, status, raisedAt, dueBy, team, reasons, respondedAt,
// responseMinutes, acknowledgedAt, resolvedAt, resolution, post, text, postedAt, sentiment,
// account, customer, customerName, assignee, assigneeName, num, txt.
MATCH (a:Alert)
WHERE ($status IS NULL OR a.status = $status)
  AND coalesce(a.severity, 0.0) >= $min_severity
  AND ($assignee IS NULL OR EXISTS { (a)-[:ASSIGNED_TO]->(:Employee {id: $assignee}) })
  AND ($raised_since IS NULL OR a.raisedAt >= $raised_since)
  AND ($raised_until IS NULL OR a.raisedAt < $raised_until)
WITH a, a.id AS id, coalesce(a.severity, 0.0) AS num, '' AS txt
WHERE $cursor_id IS NULL
   OR ($desc AND (num < $num OR (num = $num AND id < $cursor_id)))
   OR (NOT $desc AND (num > $num OR (num = $num AND id > $cursor_id)))
WITH a, id, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
LIMIT $limit
OPTIONAL MATCH (a)-[:ON]->(p:Post)
OPTIONAL MATCH (p)<-[:POSTED]-(s:SocialAccount)
OPTIONAL MATCH (s)<-[:OWNS]-(c:Customer)
OPTIONAL MATCH (a)-[:ASSIGNED_TO]->(e:Employee)
WITH a, id, num, txt, p, s, collect(c)[0] AS c, collect(e)[0] AS e
RETURN id, a.kind AS kind, a.severity AS severity, a.status AS status,
       a.raisedAt AS raisedAt, a.dueBy AS dueBy, a.team AS team, a.reasons AS reasons,
       a.respondedAt AS respondedAt, a.responseMinutes AS responseMinutes,
       a.acknowledgedAt AS acknowledgedAt, a.resolvedAt AS resolvedAt, a.resolution AS resolution,
       p.id AS post, p.text AS text, p.at AS postedAt, p.sentiment AS sentiment, s.id AS account,
       c.id AS customer, c.name AS customerName, e.id AS assignee, e.name AS assigneeName, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
