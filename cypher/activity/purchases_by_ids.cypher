// Purpose: purchases by their own ids, with the employees who sold them (GraphQL node(id:)).
// Parameters: $ids: purchase ids.
// Returns: id, at, total, currency, channel, store, sellers (list of ids), orderName, financialStatus,
// fulfillmentStatus, refundedAmount, discountCode (one row per purchase found).
UNWIND $ids AS pid
MATCH (p:Purchase {id: pid})
OPTIONAL MATCH (p)<-[:SOLD]-(e:Employee)
WITH p, collect(e.id) AS sellers
RETURN p.id AS id, p.at AS at, p.total AS total, p.currency AS currency,
       p.channel AS channel, p.store AS store, sellers, p.orderName AS orderName,
       p.financialStatus AS financialStatus, p.fulfillmentStatus AS fulfillmentStatus,
       p.refundedAmount AS refundedAmount, p.discountCode AS discountCode
