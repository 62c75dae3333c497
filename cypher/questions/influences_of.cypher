// Purpose: whom the customer influences, strongest first, with the evidence counts of each edge.
// Parameters: $id: customer id; $limit.
// Returns: other, name, weight, follows, replies, reshares, quotes, mentions, referrals, conversions.
MATCH (c:Customer {id: $id})-[r:INFLUENCES]->(o:Customer)
RETURN o.id AS other, o.name AS name, r.weight AS weight, r.follows AS follows,
       r.replies AS replies, r.reshares AS reshares, r.quotes AS quotes, r.mentions AS mentions,
       r.referrals AS referrals, r.conversions AS conversions
ORDER BY weight DESC, other
LIMIT $limit
