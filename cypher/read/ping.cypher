// Purpose: prove the database answers (readiness checks, connection set-up).
// Parameters: none.
// Returns: ok = 1.
RETURN 1 AS ok
