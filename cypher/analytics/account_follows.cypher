// Purpose: projection for the analytics: who each account follows. One hop, grouped by follower:
// the analytics join accounts to their owners in Python (much faster on ArcadeDB than a four-hop
// pattern, and one Bolt record per account instead of per edge).
// Parameters: none.
// Returns: account, follows (list of SocialAccount ids).
MATCH (a:SocialAccount)-[:FOLLOWS]->(b:SocialAccount)
RETURN a.id AS account, collect(b.id) AS follows
