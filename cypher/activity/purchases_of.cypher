// Purpose: every purchase of the given customers, with the employees who sold it (API loaders;
// one row per purchase; paged, filtered and ordered in Python: one customer's purchases are a
// short list).
// A customer in the graph with none has one row whose id is null (the API tells "none" from
// "no such customer" by it); a customer not in the graph has no row.
// Parameters: $ids: customer ids.
// Returns: customer, id, at, total, currency, channel, store, sellers (list of ids), orderName, financialStatus,
// fulfillmentStatus, refundedAmount, discountCode.
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:MADE]->(p:Purchase)
OPTIONAL MATCH (p)<-[:SOLD]-(e:Employee)
WITH cid, p, collect(e.id) AS sellers
RETURN cid AS customer, p.id AS id, p.at AS at, p.total AS total, p.currency AS currency,
       p.channel AS channel, p.store AS store, sellers, p.orderName AS orderName,
       p.financialStatus AS financialStatus, p.fulfillmentStatus AS fulfillmentStatus,
       p.refundedAmount AS refundedAmount, p.discountCode AS discountCode
