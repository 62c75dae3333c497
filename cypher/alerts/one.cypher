// Purpose: one alert with its post, author and assignee (an indexed lookup; alerts/list scans).
// Parameters: $id: alert id.
// Returns: as alerts/list (no row when the alert does not exist).
MATCH (a:Alert {id: $id})
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
