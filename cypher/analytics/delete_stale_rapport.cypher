// Purpose: after a full `rapport analyze`, remove the RAPPORT relationships the run did not confirm
// (their evidence is gone).
// Parameters: $run: the run's computedAt stamp.
// Returns: deleted (count).
MATCH ()-[r:RAPPORT]->()
WHERE r.computedAt IS NULL OR r.computedAt <> $run
DELETE r
RETURN count(*) AS deleted
