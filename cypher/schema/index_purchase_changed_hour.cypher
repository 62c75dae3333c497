// Purpose: index on Purchase.changedHour (the hour of its last change, a whole number of hours since
// 1970), so an incremental `rapport analyze` finds what was written since its last run by a few
// equality lookups: ArcadeDB uses an index for equality but not for a range (`updatedAt > $since`).
// Parameters: none.
// Returns: nothing.
CREATE INDEX purchase_changed_hour IF NOT EXISTS FOR (n:Purchase) ON (n.changedHour)
