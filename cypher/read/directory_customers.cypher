// Purpose: every customer's id, e-mail and phone, so importers can find a customer by address
// or phone number (and their recorded marketing consent, so an order rewrites it only when it
// changes).
// The customers come collected, $chunk to a record: 100,000 records of one customer each cost
// the driver 1.2 s of CPU (its cost is per record), 11 records of 10,000 0.3 s.
// Parameters: $chunk: customers per record.
// Returns: keys (the column names: id, email (lower-cased, may be null), phone (E.164, may be
// null), name, city, acceptsMarketing (may be null)), rows (up to $chunk lists of those values).
MATCH (c:Customer)
WITH collect([c.id, c.email, c.phone, c.name, c.city, c.acceptsMarketing]) AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN ['id', 'email', 'phone', 'name', 'city', 'acceptsMarketing'] AS keys,
       found[start..start + $chunk] AS rows
