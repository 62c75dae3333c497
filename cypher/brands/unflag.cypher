// Purpose: an account flagged as ours that the settings (RAPPORT_BRAND_HANDLES) no longer name is
// not ours any more.
// Parameters: $ids: the configured brand account ids (platform:handle).
// Returns: changed (accounts unflagged now).
MATCH (o:SocialAccount)
WHERE o.isBrand = true AND NOT o.id IN $ids
SET o.isBrand = false, o.updatedAt = datetime()
RETURN count(o) AS changed
