// Purpose: every SocialAccount has a unique id (MERGE relies on it).
// Parameters: none.
// Returns: nothing. Idempotent (IF NOT EXISTS).
CREATE CONSTRAINT social_account_id IF NOT EXISTS FOR (n:SocialAccount) REQUIRE n.id IS UNIQUE
