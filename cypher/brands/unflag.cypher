// Purpose: an account flagged as ours that the settings (RAPPORT_BRAND_HANDLES) no longer name is
// not ours any more. Found through the isBrand index (a scan of every account took 160 ms at
// 100,000 customers on ArcadeDB, in every incremental run).
// Parameters: $ids: the configured brand account ids (platform:handle).
// Returns: changed (accounts unflagged now).
MATCH (o:SocialAccount {isBrand: true})
WHERE NOT o.id IN $ids
SET o.isBrand = false, o.updatedAt = datetime()
RETURN count(o) AS changed
