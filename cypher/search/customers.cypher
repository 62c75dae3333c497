// Purpose: one page of the customers matching a text search and filters, in the asked order.
// Keyset paging: rows come after the cursor ($num, $txt, $cursor_id; all null for the first page)
// in the order read ($desc: descending on every key), so a page never repeats or skips a row when
// others are written meanwhile. num and txt are the sort values (0.0 and '' when unused).
// Parameters: $search: lower-cased text or null (CONTAINS on the lower-cased `search`
// property); $tier, $city, $community, $min_sentiment, $max_sentiment: or null; $order:
// 'influence' or 'name'; $desc, $num, $txt, $cursor_id, $limit;
// $keys: the property names to return.
// Only the properties named in $keys are read, after the sort, for the page only (which is sorted
// again before it is collected: only an ORDER BY right before promises the order).
// Returns: one row, rows: the page as a list of [id, values (one per key of $keys), num, txt],
// in the order asked (one Bolt record for the page: the driver's cost is per record).
MATCH (c:Customer)
WHERE ($search IS NULL OR c.search CONTAINS $search)
  AND ($tier IS NULL OR c.tier = $tier) AND ($city IS NULL OR c.city = $city)
  AND ($community IS NULL OR c.community = $community)
  AND ($min_sentiment IS NULL OR c.sentimentAvg >= $min_sentiment)
  AND ($max_sentiment IS NULL OR c.sentimentAvg <= $max_sentiment)
WITH c, c.id AS id,
     CASE WHEN $order = 'influence' THEN coalesce(c.influence, 0.0) ELSE 0.0 END AS num,
     CASE WHEN $order = 'name' THEN toLower(coalesce(c.name, '')) ELSE '' END AS txt
WHERE $cursor_id IS NULL
   OR ($desc AND (num < $num OR (num = $num AND (txt < $txt OR (txt = $txt AND id < $cursor_id)))))
   OR (NOT $desc AND (num > $num OR (num = $num AND (txt > $txt OR (txt = $txt AND id > $cursor_id)))))
WITH c, id, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN txt ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE txt END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
LIMIT $limit
WITH id, [k IN $keys | c[k]] AS values, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN txt ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE txt END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
RETURN collect([id, values, num, txt]) AS rows
