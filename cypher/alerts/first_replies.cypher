// Purpose: the first public brand answer to each of the given posts: a reply posted by a brand
// account or written by an employee. The one rule of what answers an alert: an alert raised on a
// post already answered is written with its response, and an alert's post answered later gets
// it recorded (graph/jobs/raise_alerts.py).
// Parameters: $posts: list of Post ids.
// Returns: post, repliedAt (the earliest such reply); posts without one are left out.
UNWIND $posts AS id
MATCH (p:Post {id: id})<-[:REPLIES_TO]-(r:Post)<-[:POSTED]-(s:SocialAccount)
WHERE r.at IS NOT NULL
OPTIONAL MATCH (r)<-[:WROTE]-(e:Employee)
WITH p, r, s, e
WHERE s.isBrand = true OR e IS NOT NULL
WITH p, r ORDER BY r.at
WITH p, collect(r)[0] AS first
RETURN p.id AS post, first.at AS repliedAt
