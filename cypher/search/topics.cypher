// Purpose: topics (hashtags and interests) whose name contains a text, most talked about first.
// Parameters: $search: lower-cased text or null (every topic); $limit.
// Returns: topic (its id, lower case), posts (tagged with it), interested (customers interested).
MATCH (t:Topic)
WHERE $search IS NULL OR t.id CONTAINS $search
WITH t, COUNT { (t)<-[:TAGGED]-(:Post) } AS posts,
     COUNT { (t)<-[:INTERESTED_IN]-(:Customer) } AS interested
RETURN t.id AS topic, posts, interested
ORDER BY posts DESC, interested DESC, topic
LIMIT $limit
