// Purpose: as alerts/unanswered, for the posts the given posts reply to only: the alerts new
// replies may answer (an incremental run, a live reply), without reading every open alert.
// Parameters: $replies: list of Post ids (the new posts; those that reply to nothing find nothing).
// Returns: alert, post, raisedAt, status (each alert once).
UNWIND $replies AS id
MATCH (:Post {id: id})-[:REPLIES_TO]->(p:Post)<-[:ON]-(a:Alert)
WHERE a.respondedAt IS NULL
RETURN DISTINCT a.id AS alert, p.id AS post, a.raisedAt AS raisedAt, a.status AS status
