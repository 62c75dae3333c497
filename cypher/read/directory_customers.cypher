// Purpose: every customer's id, e-mail and phone, so importers can find a customer by address
// or phone number (and their recorded marketing consent, so an order rewrites it only when it
// changes).
// Parameters: none.
// Returns: id, email (lower-cased, may be null), phone (E.164, may be null), name, city,
// acceptsMarketing (may be null).
MATCH (c:Customer)
RETURN c.id AS id, c.email AS email, c.phone AS phone, c.name AS name, c.city AS city,
       c.acceptsMarketing AS acceptsMarketing
