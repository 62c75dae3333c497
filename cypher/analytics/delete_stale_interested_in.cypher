// Purpose: after a full `rapport analyze`, remove the INTERESTED_IN relationships the run did not confirm
// (their evidence is gone).
// Parameters: $run: the run's computedAt stamp.
// Returns: deleted (count).
MATCH ()-[r:INTERESTED_IN]->()
WHERE r.computedAt IS NULL OR r.computedAt <> $run
DELETE r
RETURN count(*) AS deleted
