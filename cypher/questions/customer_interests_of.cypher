// Purpose: the given customers' interests (stored INTERESTED_IN weights) and the products tagged
// with those topics through posts about them.
// Parameters: $ids: customer ids.
// Returns: customer, topic, weight, products (list of product ids posts on the topic were about).
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})-[r:INTERESTED_IN]->(t:Topic)
OPTIONAL MATCH (t)<-[:TAGGED]-(:Post)-[:ABOUT]->(pr:Product)
RETURN cid AS customer, t.id AS topic, r.weight AS weight, collect(DISTINCT pr.id) AS products
