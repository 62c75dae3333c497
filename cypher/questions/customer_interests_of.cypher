// Purpose: the given customers' interests (stored INTERESTED_IN weights) and the products most
// discussed under those topics (`Topic.products`, kept by the full analysis: a topic's posts are
// not walked per request).
// Parameters: $ids: customer ids.
// Returns: customer, topic, weight, products (list of product ids, most discussed first; empty
// before a full analysis has seen the topic).
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})-[r:INTERESTED_IN]->(t:Topic)
RETURN cid AS customer, t.id AS topic, r.weight AS weight, coalesce(t.products, []) AS products
