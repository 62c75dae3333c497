// Purpose: incremental analysis: the Post nodes written since a moment. A query of its own: a
// plain MATCH ... WHERE is planned on the updatedAt index, one with OPTIONAL MATCH is not (ArcadeDB).
// Parameters: $since: datetime.
// Returns: ids (list of Post ids).
MATCH (n:Post)
WHERE n.updatedAt > $since
RETURN collect(n.id) AS ids
