// Purpose: create or update (Employee)-[:WROTE]->(Post) relationships (idempotent).
// The MERGE names the end node first: its degree in this type stays small, and ArcadeDB's
// MERGE walks the relationships of the node named first (Relationship.NARROW).
// Parameters: $rows: list of {start: string id, end: string id, props: map}; props may hold source.
// Rows whose start or end node does not exist are skipped (see the count).
// A row that changes nothing but its source is not written.
// Returns: written (relationships merged), created (of those, new ones: props always
// carry source, so a relationship without it is new), changed (created or updated).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})
MATCH (b:Post {id: row.end})
MERGE (b)<-[r:WROTE]-(a)
WITH r, row, r.source IS NULL AS created
WITH r, row, created,
     created OR any(k IN keys(row.props) WHERE NOT k IN ['source', 'search'] AND
                    (r[k] IS NULL OR r[k] <> row.props[k])) AS changed
SET r += CASE WHEN changed THEN row.props ELSE {} END
RETURN count(r) AS written, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed
