// Purpose: incremental analysis: the Purchase nodes written since a moment. A query of its own: a
// plain MATCH ... WHERE is planned on the updatedAt index, one with OPTIONAL MATCH is not (ArcadeDB).
// Parameters: $since: datetime.
// Returns: ids (list of Purchase ids).
MATCH (n:Purchase)
WHERE n.updatedAt > $since
RETURN collect(n.id) AS ids
