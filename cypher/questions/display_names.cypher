// Purpose: display names of products and customers (for the texts of reasons), and the
// category of the products (recommendations are spread across categories).
// Parameters: $ids: product or customer ids.
// Returns: id, name, category (null for a customer or a product without one).
UNWIND $ids AS nid
OPTIONAL MATCH (p:Product {id: nid})
OPTIONAL MATCH (c:Customer {id: nid})
RETURN nid AS id, coalesce(p.name, c.name) AS name, p.category AS category
