// Purpose: forget the products of topics no post about a product is tagged with any more (the
// full analysis then wrote the others with analytics/set_topic_products).
// Parameters: $keep: ids of the topics just written.
// Returns: cleared (topics updated).
MATCH (t:Topic)
WHERE t.products IS NOT NULL AND NOT t.id IN $keep
REMOVE t.products
RETURN count(t) AS cleared
