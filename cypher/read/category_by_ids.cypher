// Purpose: fetch Category nodes by id (for loaders and round-trip checks).
// Parameters: $ids: list of string ids.
// Returns: id, props (every stored property), one row per id found.
MATCH (n:Category)
WHERE n.id IN $ids
RETURN n.id AS id, properties(n) AS props
