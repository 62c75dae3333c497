// Purpose: the first public brand answer to each alerted post that has no response recorded yet: a
// reply posted by a brand account or written by an employee.
// Parameters: none.
// Returns: alert, raisedAt, status, repliedAt (the earliest such reply), reply (its id).
MATCH (a:Alert)-[:ON]->(p:Post)<-[:REPLIES_TO]-(r:Post)<-[:POSTED]-(s:SocialAccount)
WHERE a.respondedAt IS NULL AND r.at IS NOT NULL
OPTIONAL MATCH (r)<-[:WROTE]-(e:Employee)
WITH a, r, s, e
WHERE s.isBrand = true OR e IS NOT NULL
WITH a, r ORDER BY r.at
WITH a, collect(r)[0] AS first
RETURN a.id AS alert, a.raisedAt AS raisedAt, a.status AS status, first.at AS repliedAt,
       first.id AS reply
