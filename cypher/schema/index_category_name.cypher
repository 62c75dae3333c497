// Purpose: range index on Category.name for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX category_name IF NOT EXISTS FOR (n:Category) ON (n.name)
