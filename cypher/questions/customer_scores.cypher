// Purpose: every analysed customer's influence score (for percentiles and rankings).
// Parameters: none.
// Returns: id, influence.
MATCH (c:Customer)
WHERE c.influence IS NOT NULL
RETURN c.id AS id, c.influence AS influence
