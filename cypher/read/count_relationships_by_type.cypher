// Purpose: how many relationships there are of each type (for `rapport db status`).
// Parameters: none.
// Returns: type, count; one row per relationship type present.
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
