// Purpose: text search over Employee.search (lower-cased names, e-mails, handles, SKUs) with CONTAINS.
// FULLTEXT indexes do not exist on ArcadeDB, so both databases use a TEXT index.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE TEXT INDEX employee_search IF NOT EXISTS FOR (n:Employee) ON (n.search)
