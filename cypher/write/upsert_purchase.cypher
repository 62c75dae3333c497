// Purpose: create or update Purchase nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, at, total, currency, channel, store, orderName, financialStatus, fulfillmentStatus, refundedAmount, discountCode, utmSource, utmMedium, utmCampaign.
// Absent properties are left as they are; a row that changes nothing but its source (or the search
// text derived from its fields) is not written (its updatedAt is kept), so re-importing an unchanged file rewrites nothing.
// Returns: written (rows merged), created (of those, nodes that did not exist before:
// every write stamps updatedAt, so a node without it is new), changed (created or updated).
UNWIND $rows AS row
MERGE (n:Purchase {id: row.id})
WITH n, row, n.updatedAt IS NULL AS created
WITH n, row, created,
     created OR any(k IN keys(row.props) WHERE NOT k IN ['source', 'search'] AND
                    (n[k] IS NULL OR n[k] <> row.props[k])) AS changed
SET n += CASE WHEN changed THEN row.props ELSE {} END,
    n.updatedAt = CASE WHEN changed THEN datetime() ELSE n.updatedAt END,
    n.changedHour = CASE WHEN changed THEN toInteger(datetime().epochSeconds / 3600)
                         ELSE n.changedHour END
RETURN count(n) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed
