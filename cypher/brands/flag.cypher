// Purpose: our brand accounts are the ones the settings name (RAPPORT_BRAND_HANDLES): flag those
// not flagged yet, whatever was imported first.
// Parameters: $ids: the configured brand account ids (platform:handle).
// Returns: changed (accounts flagged now).
UNWIND $ids AS i
MATCH (b:SocialAccount {id: i})
WHERE coalesce(b.isBrand, false) = false
SET b.isBrand = true, b.updatedAt = datetime()
RETURN count(b) AS changed
