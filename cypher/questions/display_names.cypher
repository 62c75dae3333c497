// Purpose: display names of products and customers (for the texts of reasons).
// Parameters: $ids: product or customer ids.
// Returns: id, name.
UNWIND $ids AS nid
OPTIONAL MATCH (p:Product {id: nid})
OPTIONAL MATCH (c:Customer {id: nid})
RETURN nid AS id, coalesce(p.name, c.name) AS name
