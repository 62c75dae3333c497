// Purpose: one stored INFLUENCES edge with its evidence counts.
// Parameters: $influencer, $influenced: customer ids.
// Returns: weight, follows, replies, reshares, quotes, mentions, referrals, conversions, computedAt.
MATCH (b:Customer {id: $influencer})-[r:INFLUENCES]->(a:Customer {id: $influenced})
RETURN r.weight AS weight, r.follows AS follows, r.replies AS replies, r.reshares AS reshares,
       r.quotes AS quotes, r.mentions AS mentions, r.referrals AS referrals,
       r.conversions AS conversions, r.computedAt AS computedAt
