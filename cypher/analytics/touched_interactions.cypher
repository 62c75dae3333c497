// Purpose: incremental analysis: the Interaction nodes written since a moment, found hour by hour through
// the changedHour index (equality lookups: ArcadeDB scans every node for a range on updatedAt), from
// the hour before $since (a write straddling an hour's end) to now.
// Parameters: $since: datetime.
// Returns: ids (list of Interaction ids).
UNWIND range(toInteger($since.epochSeconds / 3600) - 1, toInteger(datetime().epochSeconds / 3600))
       AS hour
MATCH (n:Interaction {changedHour: hour})
WHERE n.updatedAt > $since
RETURN collect(n.id) AS ids
