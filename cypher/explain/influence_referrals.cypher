// Purpose: evidence of influence: the influencer referred the influenced customer.
// Parameters: $influencer, $influenced: customer ids.
// Returns: at.
MATCH (b:Customer {id: $influencer})-[r:REFERRED]->(a:Customer {id: $influenced})
RETURN r.at AS at
