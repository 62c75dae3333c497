// Purpose: interactions by their own ids, with the employees who handled them (GraphQL node(id:)).
// Parameters: $ids: interaction ids.
// Returns: id, channel, at, direction, subject, sentiment, employees (one row per interaction found).
UNWIND $ids AS iid
MATCH (i:Interaction {id: iid})
OPTIONAL MATCH (i)<-[:HANDLED]-(e:Employee)
WITH i, collect(e.id) AS employees
RETURN i.id AS id, i.channel AS channel, i.at AS at, i.direction AS direction,
       i.subject AS subject, i.sentiment AS sentiment, employees
