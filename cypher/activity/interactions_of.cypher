// Purpose: every interaction the given customers had, with the employee who handled it (API
// loaders).
// Parameters: $ids: customer ids.
// Returns: customer, id, channel, at, direction, subject, sentiment, employee.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})-[:HAD]->(i:Interaction)
OPTIONAL MATCH (i)<-[:HANDLED]-(e:Employee)
RETURN cid AS customer, i.id AS id, i.channel AS channel, i.at AS at, i.direction AS direction,
       i.subject AS subject, i.sentiment AS sentiment, e.id AS employee
