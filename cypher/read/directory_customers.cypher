// Purpose: every customer's id and e-mail, so importers can find a customer by address.
// Parameters: none.
// Returns: id, email (lower-cased, may be null), name, city.
MATCH (c:Customer)
RETURN c.id AS id, c.email AS email, c.name AS name, c.city AS city
