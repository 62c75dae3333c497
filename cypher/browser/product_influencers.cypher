// Purpose: Neo4j Browser - who converted most customers to one product: customers who praised it
// (a post about it with sentiment >= 0.3) and whom they influence who bought it within 30 days
// after the praise. The green-shirt question: whose word sold it?
// Parameters: $product: the product's id, its SKU (`:param product => 'SKU-GRN-SHIRT'`);
//   $limit: how many influencers (`:param limit => 10`).
// Returns: id, name, conversions (customers converted), influence, and `converted`, paths from
//   the influencer through the customers they converted to the product, drawn as a graph.
MATCH (pr:Product {id: $product})<-[:ABOUT]-(post:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
WHERE post.sentiment >= 0.3 AND post.at IS NOT NULL
MATCH path = (c)-[:INFLUENCES]->(f:Customer)-[:MADE]->(buy:Purchase)-[:CONTAINS]->(pr)
WHERE buy.at >= post.at AND buy.at <= post.at + duration({days: 30})
  AND NOT coalesce(buy.financialStatus, '') IN ['refunded', 'voided']
WITH c, collect(DISTINCT f.id) AS buyers, collect(path) AS paths
RETURN c.id AS id, c.name AS name, size(buyers) AS conversions, c.influence AS influence,
       paths AS converted
ORDER BY conversions DESC, influence DESC, id
LIMIT $limit
