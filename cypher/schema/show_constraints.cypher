// Purpose: list the constraints the database holds (schema checks, `rapport init` report).
// Parameters: none.
// Returns: name, type, labelsOrTypes, properties.
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes, properties
