// Purpose: the server's name and version, as Neo4j reports it (ArcadeDB answers too).
// Parameters: none.
// Returns: name, versions (list), edition.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
