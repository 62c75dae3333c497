// Purpose: Neo4j Browser - the strongest chain of influence from one customer to another (at most
// four steps): the path whose strengths (weight over the largest INFLUENCES weight) multiply to
// the most, as the GraphQL `influencePath` picks it.
// Parameters: $from, $to: customer ids (`:param from => 'c000089'`, `:param to => 'c000040'`).
// Returns: path (drawn as a graph), ids (the customers along it, in order), steps, strength (the
//   product of the strengths, 0..1). No row when `to` cannot be reached in four steps.
MATCH ()-[x:INFLUENCES]->()
WITH max(x.weight) AS top
MATCH path = (:Customer {id: $from})-[:INFLUENCES*1..4]->(:Customer {id: $to})
RETURN path, [n IN nodes(path) | n.id] AS ids, length(path) AS steps,
       reduce(s = 1.0, r IN relationships(path) | s * r.weight / top) AS strength
ORDER BY strength DESC, steps
LIMIT 1
