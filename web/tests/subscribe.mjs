// A browser subscribes to Rapport's alerts over graphql-transport-ws, as a dashboard would: a page
// served by Rapport opens a real browser WebSocket (which cannot set headers), sends the key in
// connection_init, subscribes to alertRaised and alertUpdated, and waits for one of each. A socket
// without a key must be closed with 4401. Prints "ready" once subscribed (the test then raises and
// changes an alert once "raised" is printed), then one JSON line; exits 1 on a failed expectation.
//   node web/tests/subscribe.mjs BASE_URL API_KEY
import { chromium } from "playwright-core";

const [base, key] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking"],
});
const result = { errors: [] };
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120000); // both engines' passes may share two cores with this browser
  page.on("pageerror", (e) => result.errors.push(String(e)));
  await page.goto(`${base}/graphql`);
  const url = base.replace(/^http/, "ws") + "/graphql";
  result.unauthorizedClose = await page.evaluate((url) => new Promise((resolve) => {
    const ws = new WebSocket(url, "graphql-transport-ws");
    ws.onopen = () => ws.send(JSON.stringify({ type: "connection_init", payload: {} }));
    ws.onclose = (event) => resolve(event.code);
  }), url);
  await page.evaluate(({ url, key }) => new Promise((resolve, reject) => {
    const ws = new WebSocket(url, "graphql-transport-ws");
    window.received = [];
    ws.onopen = () => ws.send(JSON.stringify({ type: "connection_init",
                                               payload: { "X-API-Key": key } }));
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "connection_ack") {
        ws.send(JSON.stringify({ id: "raised", type: "subscribe", payload: {
          query: "subscription { alertRaised { key status } }" } }));
        ws.send(JSON.stringify({ id: "updated", type: "subscribe", payload: {
          query: "subscription { alertUpdated { key status resolution } }" } }));
        setTimeout(resolve, 500);  // the subscriptions are registered by then
      } else {
        window.received.push(message);
      }
    };
    ws.onclose = (event) => reject(new Error(`closed ${event.code} ${event.reason}`));
  }), { url, key });
  console.log("ready");
  await page.waitForFunction(() => window.received.some((m) => m.type === "next"), null,
                             { timeout: 120000 });
  console.log("raised");  // the test changes the alert only now, so the order is known
  await page.waitForFunction(() => window.received.filter((m) => m.type === "next").length >= 2,
                             null, { timeout: 120000 });
  result.received = await page.evaluate(() => window.received);
  result.ok = result.unauthorizedClose === 4401 && result.errors.length === 0;
} catch (error) {
  result.ok = false;
  result.failure = String(error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
