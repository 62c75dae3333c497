// Purpose: Neo4j Browser - the communities found by `rapport analyze` (Louvain over INFLUENCES):
// their size, their most influential member, and how strongly they reach other communities.
// Parameters: $limit: how many communities, largest first (`:param limit => 20`).
// Returns: community, members, leader (id), leaderName, influence (the leader's), outside
//   (INFLUENCES edges leaving the community).
MATCH (c:Customer)
WHERE c.community IS NOT NULL
WITH c ORDER BY c.influence DESC
WITH c.community AS community, collect(c) AS members
WITH community, members, members[0] AS leader
RETURN community, size(members) AS members, leader.id AS leader, leader.name AS leaderName,
       leader.influence AS influence,
       COUNT { MATCH (a:Customer {community: community})-[:INFLUENCES]->(b:Customer)
               WHERE b.community <> community } AS outside
ORDER BY members DESC, community
LIMIT $limit
