// Purpose: projection for the analytics: the products of every purchase, and its time (co-purchase
// association, and the purchases conversions are looked for in). Refunded and voided orders are
// not purchases for these: nobody kept what they held.
// Projections return one row of parallel columns (much faster to decode than a row per fact);
// collect() drops nulls, so nullable values are coalesced: text to '', numbers to -1.0e18, times
// are returned as text (toString) and parsed in Python.
// Parameters: none.
// Returns: purchases, ats (text, '' when unknown), products (parallel columns, one per CONTAINS).
MATCH (pu:Purchase)-[:CONTAINS]->(pr:Product)
WHERE NOT coalesce(pu.financialStatus, '') IN ['refunded', 'voided']
RETURN collect(pu.id) AS purchases, collect(coalesce(toString(pu.at), '')) AS ats,
       collect(pr.id) AS products
