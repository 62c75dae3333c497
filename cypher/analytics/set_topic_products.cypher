// Purpose: store each topic's most discussed products (`Topic.products`, most first), so a
// recommendation reads them instead of walking every post of the topic.
// Parameters: $rows: list of {id: topic id, products: product ids}.
// Returns: written (topics updated).
UNWIND $rows AS row
MATCH (t:Topic {id: row.id})
SET t.products = row.products
RETURN count(t) AS written
