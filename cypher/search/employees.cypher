// Purpose: one page of the employees matching a text search and filters, by name.
// Keyset paging: rows come after the cursor ($num, $txt, $cursor_id; all null for the first page)
// in the order read ($desc: descending on every key), so a page never repeats or skips a row when
// others are written meanwhile. num and txt are the sort values (0.0 and '' when unused).
// Parameters: $search: lower-cased text or null; $team, $store: or null; $order: 'name';
// $desc, $num, $txt, $cursor_id, $limit;
// $keys: the property names to return.
// Only the properties named in $keys are read, after the sort, for the page only (which is sorted
// again before it is collected: only an ORDER BY right before promises the order).
// Returns: one row, rows: the page as a list of [id, values (one per key of $keys), num, txt],
// in the order asked (one Bolt record for the page: the driver's cost is per record).
MATCH (e:Employee)
WHERE ($search IS NULL OR e.search CONTAINS $search)
  AND ($team IS NULL OR e.team = $team) AND ($store IS NULL OR e.store = $store)
WITH e, e.id AS id, 0.0 AS num, toLower(coalesce(e.name, '')) AS txt
WHERE $cursor_id IS NULL
   OR ($desc AND (num < $num OR (num = $num AND (txt < $txt OR (txt = $txt AND id < $cursor_id)))))
   OR (NOT $desc AND (num > $num OR (num = $num AND (txt > $txt OR (txt = $txt AND id > $cursor_id)))))
WITH e, id, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN txt ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE txt END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
LIMIT $limit
WITH id, [k IN $keys | e[k]] AS values, num, txt
ORDER BY CASE WHEN $desc THEN num ELSE 0.0 END DESC, CASE WHEN $desc THEN 0.0 ELSE num END,
         CASE WHEN $desc THEN txt ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE txt END,
         CASE WHEN $desc THEN id ELSE '' END DESC, CASE WHEN $desc THEN '' ELSE id END
RETURN collect([id, values, num, txt]) AS rows
