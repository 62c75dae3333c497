// Purpose: the version of Graph Data Science in the connected Neo4j (fails without GDS: how
// RAPPORT_ANALYZE_IN_DATABASE finds out, to say what to do).
// Neo4j with GDS only, like every file of cypher/gds/ (a test runs them there).
// Parameters: none.
// Returns: version.
RETURN gds.version() AS version
