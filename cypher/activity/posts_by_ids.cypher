// Purpose: posts by their own ids, with the account that posted them (GraphQL node(id:)).
// Parameters: $ids: post ids.
// Returns: account, id, platform, text, at, url, likes, shares, sentiment, sentimentLabel, intent,
// category, lang, stars, textSentiment (one row per post found with its account).
UNWIND $ids AS pid
MATCH (s:SocialAccount)-[:POSTED]->(p:Post {id: pid})
RETURN s.id AS account, p.id AS id, p.platform AS platform, p.text AS text,
       p.at AS at, p.url AS url, p.likes AS likes, p.shares AS shares, p.sentiment AS sentiment,
       p.sentimentLabel AS sentimentLabel, p.intent AS intent, p.category AS category,
       p.lang AS lang, p.stars AS stars, p.textSentiment AS textSentiment
