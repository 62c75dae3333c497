// Purpose: how many customers match a text search and filters (a connection's totalCount).
// Parameters: $search, $tier, $city, $community, $min_sentiment, $max_sentiment: or null.
// Returns: total.
MATCH (c:Customer)
WHERE ($search IS NULL OR c.search CONTAINS $search)
  AND ($tier IS NULL OR c.tier = $tier) AND ($city IS NULL OR c.city = $city)
  AND ($community IS NULL OR c.community = $community)
  AND ($min_sentiment IS NULL OR c.sentimentAvg >= $min_sentiment)
  AND ($max_sentiment IS NULL OR c.sentimentAvg <= $max_sentiment)
RETURN count(c) AS total
