// Purpose: every purchase of the given customers with its sellers and its lines, in one read (API
// loaders, when a query asks for the lines: a second read for them is the round trip saved).
// One row per purchase, paged, filtered and ordered in Python as in activity/purchases_of.
// A customer in the graph with none has one row whose id is null; a customer not in the graph
// has no row. A purchase with no lines has lines [[null, null, null, null]].
// Parameters: $ids: customer ids.
// Returns: customer, id, at, total, currency, channel, store, sellers (list of ids), orderName,
// financialStatus, fulfillmentStatus, refundedAmount, discountCode, lines (list of
// [product, name, quantity, unitPrice]).
UNWIND $ids AS cid
MATCH (c:Customer {id: cid})
OPTIONAL MATCH (c)-[:MADE]->(p:Purchase)
OPTIONAL MATCH (p)<-[:SOLD]-(e:Employee)
WITH cid, p, collect(e.id) AS sellers
OPTIONAL MATCH (p)-[r:CONTAINS]->(x:Product)
WITH cid, p, sellers, collect([x.id, x.name, r.quantity, r.unitPrice]) AS lines
RETURN cid AS customer, p.id AS id, p.at AS at, p.total AS total, p.currency AS currency,
       p.channel AS channel, p.store AS store, sellers, p.orderName AS orderName,
       p.financialStatus AS financialStatus, p.fulfillmentStatus AS fulfillmentStatus,
       p.refundedAmount AS refundedAmount, p.discountCode AS discountCode, lines
