// Purpose: one employee.
// Parameters: $id: employee id.
// Returns: id, name, email, role, team, store.
MATCH (e:Employee {id: $id})
RETURN e.id AS id, e.name AS name, e.email AS email, e.role AS role, e.team AS team,
       e.store AS store
