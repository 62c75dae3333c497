// Purpose: range index on Customer.email for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX customer_email IF NOT EXISTS FOR (n:Customer) ON (n.email)
