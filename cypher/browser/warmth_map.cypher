// Purpose: Neo4j Browser - the warmth map of a store or a team: which employees have warm
// relationships with which customers (RAPPORT, 0-100, stored by `rapport analyze`).
// Parameters: $store, $team: the employees' store or team; null for any
//   (`:param store => 'Paris Opera'`, `:param team => null`); $min: the lowest warmth to draw
//   (`:param min => 40`).
// Returns: employee, customer, warmth, interactions, sales, and `link`, the RAPPORT paths, drawn
//   as a graph (wider arrows are warmer).
MATCH link = (e:Employee)-[r:RAPPORT]->(c:Customer)
WHERE ($store IS NULL OR e.store = $store) AND ($team IS NULL OR e.team = $team)
  AND r.warmth >= $min
RETURN e.id AS employee, e.name AS employeeName, c.id AS customer, c.name AS customerName,
       r.warmth AS warmth, r.interactions AS interactions, r.sales AS sales, link
ORDER BY warmth DESC, employee, customer
LIMIT 300
