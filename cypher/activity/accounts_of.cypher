// Purpose: the social accounts the given customers own (confirmed OWNS), for the API's loaders.
// A customer in the graph with none has one row whose id is null (the API tells "none" from
// "no such customer" by it); a customer not in the graph has no row.
// Parameters: $ids: customer ids.
// Returns: owner, id, platform, handle, displayName, followers, isBrand, confidence, method.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[o:OWNS]->(s:SocialAccount)
RETURN cid AS owner, s.id AS id, s.platform AS platform, s.handle AS handle,
       s.displayName AS displayName, s.followers AS followers, s.isBrand AS isBrand,
       o.confidence AS confidence, o.method AS method
