// Purpose: Neo4j Browser - the influence neighbourhood of one customer: who influences them and
// whom they influence, one and two steps away. Double-click a node in Browser to expand it.
// Parameters: $id: the customer's id (`:param id => 'c000089'`).
// Returns: paths of INFLUENCES around the customer (both directions, at most two steps), strongest
//   first, drawn as a graph.
MATCH path = (c:Customer {id: $id})-[:INFLUENCES*1..2]-(:Customer)
WITH path, reduce(w = 0.0, r IN relationships(path) | w + r.weight) AS strength
RETURN path, strength
ORDER BY strength DESC
LIMIT 300
