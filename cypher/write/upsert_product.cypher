// Purpose: create or update Product nodes, keyed by id (idempotent).
// Parameters: $rows: list of {id: string, props: map}; props may hold source, name, category, brand, price, tags, sku, search.
// Absent properties are left as they are; updatedAt is stamped on every write.
// Returns: written (number of rows merged).
UNWIND $rows AS row
MERGE (n:Product {id: row.id})
SET n += row.props, n.updatedAt = datetime()
RETURN count(n) AS written
