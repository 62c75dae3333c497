// Drives the Rapport Explorer in headless Chromium as a marketer would, on generated data with
// known truths: enter a key, search a product, see who sold it, open the top influencer's 360,
// expand a neighbour, read why one customer influences another, find the strongest path, choose
// campaign seeds, and act on the alert queue (refused with a reader key, done with a writer key).
// Saves a screenshot at each step into SHOTS and prints one JSON line; exits 1 on a failed step.
//   node api/explorer/tests/explorer.mjs BASE READER_KEY WRITER_KEY TRUTH_JSON SHOTS
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [base, reader, writer, truthJson, shots] = process.argv.slice(2);
const truth = JSON.parse(truthJson);
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking"],
});
const result = { external: [], errors: [], screenshots: [], steps: [] };
// Generous: the test passes of both engines may share two cores with this browser. Nothing here
// times the Explorer; a step that never comes still fails, and names itself.
const wait = { timeout: 120000 };
let step = "open";
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.setDefaultTimeout(wait.timeout);
  page.on("request", (r) => { if (!r.url().startsWith(base)) result.external.push(r.url()); });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, name) });
    result.screenshots.push(name);
  };
  const idle = () => page.waitForFunction(() => !document.querySelector("#status").textContent.endsWith("…"), null, wait);
  const nodes = () => page.evaluate(() => window.explorer.cy.nodes().map((n) => n.id()));

  const opened = await page.goto(`${base}/explore`);
  result.status = opened.status();
  result.askedForKey = (await page.textContent("#status")).includes("no key");
  await page.fill("#key", reader);
  await page.click("#use-key");

  // Search the praised product by name; its influencers come ranked, the planted one first.
  await page.fill("#search", truth.productName);
  await page.press("#search", "Enter");
  await page.waitForSelector(`#results li[data-kind=product][data-key="${truth.product}"]`, wait);
  await page.click(`#results li[data-kind=product][data-key="${truth.product}"]`);
  await page.waitForSelector("#results ol.ranked li", wait);
  result.productTop = await page.getAttribute("#results ol.ranked li", "data-key");
  result.steps.push(step = "search");
  await shot("explorer-1-product-influencers.png");

  // The top influencer's network and 360.
  await page.click("#results ol.ranked li");
  await page.waitForSelector(`#c360[data-key="${truth.influencer}"]`, wait);
  await idle();
  result.drawn = (await nodes()).length;
  result.converted = await page.evaluate(
    (ids) => ids.filter((id) => window.explorer.cy.getElementById(`${ids[0]}->${id}`).hasClass("conversion")).length,
    [truth.influencer, ...truth.converted]);
  result.panel = await page.innerText("#c360");
  result.chart = await page.evaluate(() => Boolean(document.querySelector("#sentiment-chart canvas, #sentiment-chart .muted")));
  result.steps.push(step = "360");
  await shot("explorer-2-influencer-360.png");

  // Expand a neighbour by clicking it.
  const neighbour = truth.converted[0];
  await page.evaluate((id) => window.explorer.cy.getElementById(id).emit("tap"), neighbour);
  await page.waitForSelector(`#c360[data-key="${neighbour}"]`, wait);
  await idle();
  result.expandedFrom = result.drawn;
  result.expandedTo = (await nodes()).length;
  result.steps.push(step = "expand");

  // Why does the influencer influence that customer: click the edge.
  await page.evaluate(([a, b]) => window.explorer.cy.getElementById(`${a}->${b}`).emit("tap"),
    [truth.influencer, neighbour]);
  await page.waitForSelector("#why li", wait);
  result.why = await page.innerText("#why");
  result.steps.push(step = "why");
  await shot("explorer-3-why-influence.png");

  // The strongest path from the influencer to a customer they converted.
  await page.fill("#path-from", truth.influencer);
  await page.fill("#path-to", truth.pathTo);
  await page.click("#path-go");
  await page.waitForSelector("#results ol.path li", wait);
  result.path = await page.$$eval("#results ol.path li", (items) => items.map((li) => li.dataset.key));
  result.onPath = await page.evaluate(() => window.explorer.cy.nodes(".onpath").length);
  result.steps.push(step = "path");
  await shot("explorer-4-path.png");

  // Campaign seeds for k = 3, drawn with their reach.
  await page.fill("#seeds-k", "3");
  await page.click("#seeds-go");
  await page.waitForSelector("#results ol.seeds li", wait);
  result.seeds = await page.$$eval("#results ol.seeds li", (items) => items.map((li) => li.dataset.key));
  result.seedNodes = await page.evaluate(() => window.explorer.cy.nodes(".seed").length);
  result.steps.push(step = "seeds");
  await shot("explorer-5-campaign-seeds.png");

  // The alert queue: a reader may look but not act; a writer acknowledges and assigns.
  await page.click("#alerts-go");
  await page.waitForSelector("#alerts .alert", wait);
  result.sla = await page.innerText("#alerts .alert .sla");
  await page.click("#alerts .alert .ack");
  await page.waitForFunction(() => document.querySelector("#status").className === "error", null, wait);
  result.readerRefused = await page.textContent("#status");
  await page.click("#forget-key");
  await page.fill("#key", writer);
  await page.click("#use-key");
  await page.click("#alerts-go");
  await page.waitForSelector("#alerts .alert", wait);
  result.acknowledged = await page.getAttribute("#alerts .alert", "data-key");
  await page.click("#alerts .alert .ack");
  await page.waitForFunction(() => document.querySelector("#alerts .alert .status").textContent === "acknowledged", null, wait);
  const card = page.locator("#alerts .alert").first();
  const pick = await card.locator(".assign-to option").evaluateAll((o) => o.map((x) => [x.value, x.textContent]));
  const [assignKey, assignLabel] = pick[pick.length - 1];
  result.assignedTo = assignKey;
  await card.locator(".assign-to").selectOption(assignKey);
  await card.locator(".assign").click();
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("assigned"), null, wait);
  result.assignee = await card.locator(".assignee").innerText();
  result.assigneeShown = assignLabel.startsWith(result.assignee);
  result.steps.push(step = "alerts");
  await shot("explorer-6-alerts.png");
  result.ok = result.errors.length === 0 && result.external.length === 0;
} catch (error) {
  result.ok = false;
  result.failure = `after step "${step}": ${error}`;
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
