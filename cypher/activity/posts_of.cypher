// Purpose: every post of the given customers' accounts (API loaders, sentiment timeline).
// A customer in the graph with none has one row whose id is null (the API tells "none" from
// "no such customer" by it); a customer not in the graph has no row.
// Parameters: $ids: customer ids.
// Returns: customer, account, id, platform, text, at, url, likes, shares, sentiment,
// sentimentLabel, intent, category, lang, stars, textSentiment.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:OWNS]->(s:SocialAccount)-[:POSTED]->(p:Post)
RETURN cid AS customer, s.id AS account, p.id AS id, p.platform AS platform, p.text AS text,
       p.at AS at, p.url AS url, p.likes AS likes, p.shares AS shares, p.sentiment AS sentiment,
       p.sentimentLabel AS sentimentLabel, p.intent AS intent, p.category AS category,
       p.lang AS lang, p.stars AS stars, p.textSentiment AS textSentiment
