// Purpose: every interaction the given customers had, with the employees who handled it (API
// loaders; one row per interaction, however many employees handled it).
// A customer in the graph with none has one row whose id is null (the API tells "none" from
// "no such customer" by it); a customer not in the graph has no row.
// Parameters: $ids: customer ids.
// Returns: customer, id, channel, at, direction, subject, sentiment, employees (list of ids).
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:HAD]->(i:Interaction)
OPTIONAL MATCH (i)<-[:HANDLED]-(e:Employee)
WITH cid, i, collect(e.id) AS employees
RETURN cid AS customer, i.id AS id, i.channel AS channel, i.at AS at, i.direction AS direction,
       i.subject AS subject, i.sentiment AS sentiment, employees
