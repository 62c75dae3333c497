// Purpose: list the indexes the database holds (schema checks, `rapport init` report).
// Parameters: none.
// Returns: name, type, entityType, labelsOrTypes, properties, owningConstraint (null for a
// stand-alone index, the constraint's name for the index behind a uniqueness constraint).
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint
RETURN name, type, entityType, labelsOrTypes, properties, owningConstraint
