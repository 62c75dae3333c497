// Purpose: index on SocialAccount.isBrand, so every analysis finds the few accounts flagged as ours
// (to unflag those the settings no longer name) by one lookup, not a scan of every account.
// Parameters: none.
// Returns: nothing.
CREATE INDEX social_account_is_brand IF NOT EXISTS FOR (n:SocialAccount) ON (n.isBrand)
