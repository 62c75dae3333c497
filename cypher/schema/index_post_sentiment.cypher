// Purpose: range index on Post.sentiment, so alerting finds the negative posts without a scan.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX post_sentiment IF NOT EXISTS FOR (n:Post) ON (n.sentiment)
