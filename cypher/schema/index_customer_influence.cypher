// Purpose: range index on Customer.influence: a page of customers by influence reads the most
// influential first from the index (search/customers_by_influence), not every customer.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX customer_influence IF NOT EXISTS FOR (n:Customer) ON (n.influence)
