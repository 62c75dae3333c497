// Purpose: after a full `rapport analyze`, remove the BOUGHT_WITH relationships the run did not confirm
// (their evidence is gone).
// Parameters: $run: the run's computedAt stamp.
// Returns: deleted (count).
MATCH ()-[r:BOUGHT_WITH]->()
WHERE r.computedAt IS NULL OR r.computedAt <> $run
DELETE r
RETURN count(*) AS deleted
