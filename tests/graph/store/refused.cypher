// Purpose: (tests) a statement every engine refuses (kept out of tests/cypher, whose files
// must be valid): its FAILURE answer and what follows it.
// Parameters: none.
// Returns: nothing; it is not valid Cypher.
RETURN (
