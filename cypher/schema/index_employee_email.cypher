// Purpose: range index on Employee.email for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX employee_email IF NOT EXISTS FOR (n:Employee) ON (n.email)
