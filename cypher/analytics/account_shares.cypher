// Purpose: projection for the analytics: plain reshares (retweets), which are not posts of their
// own: the account that shared, and the post it shared.
// Projections return one row of parallel columns (much faster to decode than a row per fact).
// Parameters: none.
// Returns: accounts, posts (parallel columns).
MATCH (s:SocialAccount)-[:SHARED]->(p:Post)
RETURN collect(s.id) AS accounts, collect(p.id) AS posts
