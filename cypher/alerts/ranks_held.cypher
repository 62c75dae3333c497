// Purpose: which of the given ranks a customer holds (Customer.influenceRank), each looked up by
// index equality: how many customers are ranked is found from these (ranks run 1..n without
// gaps), where a range predicate made ArcadeDB scan every customer (200 ms at 100,000).
// Parameters: $ranks: list of integers.
// Returns: rank, held (boolean), one row per rank asked.
UNWIND $ranks AS wanted
OPTIONAL MATCH (c:Customer {influenceRank: wanted})
RETURN wanted AS rank, count(c) > 0 AS held
