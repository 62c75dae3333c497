// Purpose: what one customer's recommendations are made of: the products they own, and the
// products their influencers bought and praised, with the influence weight.
// Parameters: $id: customer id.
// Returns: owned (list of product ids), consumable (the owned ones tagged 'consumable'),
// influencers (list of Customer ids), weights (their INFLUENCES weight, same order).
MATCH (c:Customer {id: $id})
OPTIONAL MATCH (c)-[:MADE]->(:Purchase)-[:CONTAINS]->(o:Product)
WITH c, collect(DISTINCT o.id) AS owned,
     collect(DISTINCT CASE WHEN 'consumable' IN coalesce(o.tags, []) THEN o.id END) AS consumable
OPTIONAL MATCH (c)<-[r:INFLUENCES]-(i:Customer)
RETURN owned, consumable, collect(i.id) AS influencers, collect(r.weight) AS weights
