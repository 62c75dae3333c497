// Purpose: one customer's profile and scores.
// Parameters: $id: customer id.
// Returns: id, name, email, city, tier, influence, rank, community, sentimentAvg.
MATCH (c:Customer {id: $id})
RETURN c.id AS id, c.name AS name, c.email AS email, c.city AS city, c.tier AS tier,
       c.influence AS influence, c.influenceRank AS rank, c.community AS community,
       c.sentimentAvg AS sentimentAvg
