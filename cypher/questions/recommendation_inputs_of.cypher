// Purpose: what the given customers' recommendations are made of: the products they own, and
// their influencers with the influence weight (one row per customer found).
// Parameters: $ids: customer ids.
// Returns: customer, owned (list of product ids), consumable (the owned ones tagged
// 'consumable'), influencers (list of Customer ids), weights (their INFLUENCES weight, same order).
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:MADE]->(:Purchase)-[:CONTAINS]->(o:Product)
WITH cid, c, collect(DISTINCT o.id) AS owned,
     collect(DISTINCT CASE WHEN 'consumable' IN coalesce(o.tags, []) THEN o.id END) AS consumable
OPTIONAL MATCH (c)<-[r:INFLUENCES]-(i:Customer)
RETURN cid AS customer, owned, consumable, collect(i.id) AS influencers, collect(r.weight) AS weights
