// Purpose: text search over SocialAccount.search (lower-cased names, e-mails, handles, SKUs) with CONTAINS.
// FULLTEXT indexes do not exist on ArcadeDB, so both databases use a TEXT index.
// Parameters: none.
// Returns: nothing. Idempotent.
CREATE TEXT INDEX social_account_search IF NOT EXISTS FOR (n:SocialAccount) ON (n.search)
