// Purpose: Neo4j Browser - one customer and everything one step around them (purchases,
// accounts, interactions, people they know), to see at a glance what the graph knows.
// Parameters: $id: the customer's id (in Neo4j Browser: `:param id => 'c1'`).
// Returns: paths, drawn as a graph by Neo4j Browser.
MATCH path = (c:Customer {id: $id})-[]-()
RETURN path
LIMIT 200
