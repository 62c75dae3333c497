// Purpose: after a full `rapport analyze`, remove the INFLUENCES relationships the run did not confirm
// (their evidence is gone).
// Parameters: $run: the run's computedAt stamp.
// Returns: deleted (count).
MATCH ()-[r:INFLUENCES]->()
WHERE r.computedAt IS NULL OR r.computedAt <> $run
DELETE r
RETURN count(*) AS deleted
