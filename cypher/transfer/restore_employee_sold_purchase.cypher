// Purpose: write (Employee)-[:SOLD]->(Purchase) relationships exactly as a dump or a copy holds
// them (db restore and copy): every property replaced; idempotent (one per start and end).
// The MERGE names the end node first: its degree in this type stays small, and ArcadeDB's
// MERGE walks the relationships of the node named first (Relationship.NARROW).
// Parameters: $rows: list of {start: string id, end: string id, props: map}.
// Rows whose start or end node does not exist are skipped (see the count).
// Returns: written (relationships merged).
UNWIND $rows AS row
MATCH (a:Employee {id: row.start})
MATCH (b:Purchase {id: row.end})
MERGE (b)<-[r:SOLD]-(a)
SET r = row.props
RETURN count(r) AS written
