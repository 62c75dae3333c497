// The typed client against a running Rapport (RAPPORT_URL, RAPPORT_KEY: a writer key; RAPPORT_HANDLE:
// a customer's handle whose complaint raises an alert). Run by tests/api/test_frontend_client.py.
import assert from "node:assert/strict";
import { after, test } from "node:test";

import { GraphQLFailure, Rapport } from "../client.js";
import {
  AlertRaisedDocument,
  AlertUpdatedDocument,
  CustomersByNameDocument,
  IngestPostDocument,
  OpenAlertsDocument,
  RefetchDocument,
  ResolveAlertDocument,
  UpsertCustomerDocument,
  type AlertStatus,
  type Tier,
} from "../generated/graphql.js";

const url = process.env.RAPPORT_URL ?? "http://127.0.0.1:8000";
const key = process.env.RAPPORT_KEY ?? "";
const handle = process.env.RAPPORT_HANDLE ?? "";
const api = new Rapport(url, key);
after(() => api.close());

test("pages forward and back with keyset cursors", async () => {
  const first = await api.request(CustomersByNameDocument, { first: 3 });
  assert.equal(first.customers.nodes.length, 3);
  assert.ok(first.customers.pageInfo.hasNextPage);
  const next = await api.request(CustomersByNameDocument, {
    first: 3, after: first.customers.pageInfo.endCursor,
  });
  const back = await api.request(CustomersByNameDocument, {
    last: 3, before: next.customers.pageInfo.startCursor,
  });
  assert.deepEqual(back.customers.nodes, first.customers.nodes);
  const names = [...first.customers.nodes, ...next.customers.nodes].map((c) => c.key);
  assert.equal(new Set(names).size, 6);
});

test("refetches an object by its global id", async () => {
  const page = await api.request(CustomersByNameDocument, { first: 1 });
  const customer = page.customers.nodes[0];
  assert.ok(customer);
  const found = await api.request(RefetchDocument, { id: customer.id });
  assert.ok(found.node && found.node.__typename === "Customer");
  assert.equal(found.node.key, customer.key);
  const tier: Tier | null | undefined = found.node.tier;  // a closed set, not a string
  assert.ok(tier === null || tier === undefined || ["BRONZE", "SILVER", "GOLD", "PLATINUM"].includes(tier));
});

test("a mutation returns the object or the user errors", async () => {
  const made = await api.request(UpsertCustomerDocument, {
    customer: { id: "ts-client-1", name: "Typed Client", tier: "GOLD" },
  });
  assert.deepEqual(made.upsertCustomer.userErrors, []);
  assert.equal(made.upsertCustomer.customer?.tier, "GOLD");
  const refused = await api.request(UpsertCustomerDocument, {
    customer: { id: "ts-client-2", email: "x".repeat(5000) },
  });
  assert.equal(refused.upsertCustomer.customer, null);
  assert.equal(refused.upsertCustomer.userErrors[0]?.field, "email");
});

test("an unknown enum value is a BAD_USER_INPUT error naming the allowed ones", async () => {
  await assert.rejects(
    // A value the generated types refuse, sent anyway as a hand-written client might.
    api.request(UpsertCustomerDocument, { customer: { id: "x", tier: "VIP" as unknown as Tier } }),
    (error: unknown) => error instanceof GraphQLFailure &&
      error.errors[0]?.extensions?.code === "BAD_USER_INPUT" &&
      error.message.includes("BRONZE, SILVER, GOLD, PLATINUM"),
  );
});

test("subscribes to raised and updated alerts with the key in connection_init", async () => {
  let alertKey = "";
  const raised = await api.nextEvents(AlertRaisedDocument, 1, async () => {
    const done = await api.request(IngestPostDocument, { post: {
      handle, postId: "ts-client-sub",
      text: "@rapportshop my Oxford Shirt ripped after one wash. Terrible, I want a refund",
    } });
    alertKey = done.ingestPost.alert?.key ?? "";
  });
  const status: AlertStatus | null | undefined = raised[0]?.alertRaised.status;
  assert.equal(status, "OPEN");
  assert.equal(raised[0]?.alertRaised.key, alertKey);
  assert.match(raised[0]?.alertRaised.raisedAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  const updated = await api.nextEvents(AlertUpdatedDocument, 1, async () => {
    await api.request(ResolveAlertDocument, { id: alertKey, resolution: "replaced" });
  });
  assert.deepEqual(updated[0]?.alertUpdated, { key: alertKey, status: "RESOLVED",
                                              resolution: "replaced" });
  const open = await api.request(OpenAlertsDocument, { first: 50 });
  assert.ok(open.alerts.nodes.every((a) => a.status === "OPEN"));
});
