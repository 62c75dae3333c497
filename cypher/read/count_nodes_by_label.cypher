// Purpose: how many nodes carry each label (for `rapport db status`).
// Parameters: none.
// Returns: label, count; one row per label present.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
