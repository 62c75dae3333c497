// Purpose: every employee with e-mail, signature and the handles of the accounts they own,
// so importers can find an employee by address and attribute signed brand replies.
// Parameters: none.
// Returns: id, email, name, signature, handles (list of SocialAccount ids).
MATCH (e:Employee)
RETURN e.id AS id, e.email AS email, e.name AS name, e.signature AS signature,
       [(e)-[:OWNS]->(a:SocialAccount) | a.id] AS handles
