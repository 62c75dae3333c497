// Purpose: range index on SocialAccount.handle for lookups and ordering.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE INDEX social_account_handle IF NOT EXISTS FOR (n:SocialAccount) ON (n.handle)
