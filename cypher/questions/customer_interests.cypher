// Purpose: one customer's interests (stored INTERESTED_IN weights) and the products tagged with
// those topics through posts about them.
// Parameters: $id: customer id.
// Returns: topic, weight, products (list of product ids posts on the topic were about).
MATCH (c:Customer {id: $id})-[r:INTERESTED_IN]->(t:Topic)
OPTIONAL MATCH (t)<-[:TAGGED]-(:Post)-[:ABOUT]->(pr:Product)
RETURN t.id AS topic, r.weight AS weight, collect(DISTINCT pr.id) AS products
