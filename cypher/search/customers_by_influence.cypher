// Purpose: a forward page of customers by influence, most influential first, among those with an
// influence above 0 (all that an analysis scored): the common page, read in index order
// (customer_influence) and cut at $limit, where search/customers sorts every customer.
// The caller falls back to search/customers when this returns fewer than $limit rows: the
// customers without a score (0.0 there) come after all of these, in that order.
// Keyset paging after the cursor ($num, $cursor_id; null for the first page; $txt unused).
// Parameters: $search, $tier, $city, $community, $min_sentiment, $max_sentiment (or null) as in
// search/customers; $num, $cursor_id, $limit; $keys: the property names to return.
// Returns: one row, rows: the page as a list of [id, values (one per key of $keys), num (the
// influence), txt ('')], most influential first, equal influence in descending id (as
// search/customers orders them; one Bolt record for the page: the driver's cost is per record).
MATCH (c:Customer)
WHERE c.influence > 0
  AND ($search IS NULL OR c.search CONTAINS $search)
  AND ($tier IS NULL OR c.tier = $tier) AND ($city IS NULL OR c.city = $city)
  AND ($community IS NULL OR c.community = $community)
  AND ($min_sentiment IS NULL OR c.sentimentAvg >= $min_sentiment)
  AND ($max_sentiment IS NULL OR c.sentimentAvg <= $max_sentiment)
  AND ($cursor_id IS NULL OR c.influence < $num OR (c.influence = $num AND c.id < $cursor_id))
WITH c ORDER BY c.influence DESC, c.id DESC LIMIT $limit
WITH c.id AS id, [k IN $keys | c[k]] AS values, c.influence AS num
ORDER BY num DESC, id DESC
RETURN collect([id, values, num, '']) AS rows
