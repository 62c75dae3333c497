// Purpose: Neo4j Browser - who leads the conversation on a topic (a hashtag or an interest):
// customers by the number of their posts tagged with it, then by overall influence, with the
// audience their posts reach (the customers they influence).
// Parameters: $topic: the topic, lower case without '#' (`:param topic => 'style'`);
//   $limit: how many customers (`:param limit => 10`).
// Returns: id, name, posts, praise (posts with sentiment >= 0.3), influence, reach, and `posts`
//   paths from the customer to the topic, drawn as a graph.
MATCH path = (t:Topic {id: $topic})<-[:TAGGED]-(p:Post)<-[:POSTED]-(:SocialAccount)<-[:OWNS]-(c:Customer)
WITH c, collect(path) AS paths, count(DISTINCT p) AS posts,
     sum(CASE WHEN p.sentiment >= 0.3 THEN 1 ELSE 0 END) AS praise
RETURN c.id AS id, c.name AS name, posts, praise, c.influence AS influence,
       COUNT { (c)-[:INFLUENCES]->(:Customer) } AS reach, paths AS conversation
ORDER BY posts DESC, influence DESC, id
LIMIT $limit
