// Purpose: the most influential customers overall (by stored influenceRank).
// Parameters: $limit.
// Returns: id, name, influence, rank, community.
MATCH (c:Customer)
WHERE c.influenceRank IS NOT NULL AND c.influenceRank <= $limit
RETURN c.id AS id, c.name AS name, c.influence AS influence, c.influenceRank AS rank,
       c.community AS community
ORDER BY rank
