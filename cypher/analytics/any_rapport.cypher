// Purpose: whether an earlier analysis left any RAPPORT edge: without one there is nothing to
// compare warmth with (the first analysis reports no warmth.crossed).
// Parameters: none.
// Returns: one row (found = true) when there is one, none otherwise.
MATCH (:Employee)-[r:RAPPORT]->(:Customer)
RETURN true AS found
LIMIT 1
