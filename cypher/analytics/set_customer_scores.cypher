// Purpose: write the analytics' scores onto customers (influence, influenceRank, community,
// sentimentAvg), so Neo4j Browser users see them as properties.
// Parameters: $rows: list of {id: customer id, props: map of scores}.
// Returns: written (customers updated).
UNWIND $rows AS row
MATCH (c:Customer {id: row.id})
SET c += row.props
RETURN count(c) AS written
