// Purpose: a statement that runs for a long time ($n squared steps), to test timeouts.
// Parameters: $n (the side of the square)
// Returns: n (how many steps had an odd sum)
UNWIND range(1, $n) AS i
UNWIND range(1, $n) AS j
WITH i + j AS s WHERE s % 2 = 1
RETURN count(s) AS n
