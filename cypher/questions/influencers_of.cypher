// Purpose: who influences each of the given customers (stored INFLUENCES, inbound), with the
// evidence counts of each edge; the strongest are picked in Python.
// Parameters: $ids: customer ids.
// Returns: customer, other, name, weight, follows, replies, reshares, quotes, mentions,
// referrals, conversions.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})<-[r:INFLUENCES]-(o:Customer)
RETURN cid AS customer, o.id AS other, o.name AS name, r.weight AS weight, r.follows AS follows,
       r.replies AS replies, r.reshares AS reshares, r.quotes AS quotes, r.mentions AS mentions,
       r.referrals AS referrals, r.conversions AS conversions
