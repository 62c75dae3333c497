// Purpose: incremental analysis: the Interaction nodes written since a moment. A query of its own: a
// plain MATCH ... WHERE is planned on the updatedAt index, one with OPTIONAL MATCH is not (ArcadeDB).
// Parameters: $since: datetime.
// Returns: ids (list of Interaction ids).
MATCH (n:Interaction)
WHERE n.updatedAt > $since
RETURN collect(n.id) AS ids
