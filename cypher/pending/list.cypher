// Purpose: the relationships kept waiting for a missing end (PendingEdge nodes), a page at a
//          time in id order, to link those whose ends have arrived.
// Parameters: $after: the last id of the previous page ('' for the first), $limit: page size.
// Returns: id, pattern, fromLabel, fromId, relType, toLabel, toId, propsJson, origin.
MATCH (p:PendingEdge)
WHERE p.id > $after
RETURN p.id AS id, p.pattern AS pattern, p.fromLabel AS fromLabel, p.fromId AS fromId,
       p.relType AS relType, p.toLabel AS toLabel, p.toId AS toId, p.propsJson AS propsJson,
       p.origin AS origin
ORDER BY id
LIMIT $limit
