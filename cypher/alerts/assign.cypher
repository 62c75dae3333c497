// Purpose: give an alert to one employee (replacing any earlier assignee; clears the team).
// Parameters: $id: alert id; $employee: employee id.
// Returns: id, assignee (no row when the alert or the employee does not exist).
MATCH (a:Alert {id: $id})
MATCH (e:Employee {id: $employee})
OPTIONAL MATCH (a)-[old:ASSIGNED_TO]->(:Employee)
DELETE old
WITH DISTINCT a, e
MERGE (a)-[r:ASSIGNED_TO]->(e)
SET r.updatedAt = datetime(), r.source = 'assign', a.team = null, a.updatedAt = datetime()
RETURN a.id AS id, e.id AS assignee
