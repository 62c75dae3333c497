// Purpose: social accounts by their own ids, with how their owner was linked, if one is
// (GraphQL node(id:)).
// Parameters: $ids: account ids.
// Returns: id, platform, handle, displayName, followers, isBrand, confidence, method.
UNWIND $ids AS aid
MATCH (s:SocialAccount {id: aid})
OPTIONAL MATCH (:Customer)-[o:OWNS]->(s)
WITH s, head(collect(o)) AS o
RETURN s.id AS id, s.platform AS platform, s.handle AS handle,
       s.displayName AS displayName, s.followers AS followers, s.isBrand AS isBrand,
       o.confidence AS confidence, o.method AS method
