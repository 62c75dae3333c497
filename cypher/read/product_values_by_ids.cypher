// Purpose: the values of the given properties of Product nodes by id (API loaders: only what the
// answer reads, never every stored property).
// Parameters: $ids: list of string ids; $keys: the property names wanted.
// Returns: id, values (one per key, in the order of $keys; null where absent), one row per id
// found.
UNWIND $ids AS i
MATCH (n:Product {id: i})
RETURN n.id AS id, [k IN $keys | n[k]] AS values
