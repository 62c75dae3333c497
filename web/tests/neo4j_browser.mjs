// Drives Neo4j Browser in headless Chromium as a marketer would: connect with the password,
// load Rapport's style and guide, set the parameters and run a kit query, then read the graph it
// draws. Prints one JSON line; exits 1 on a failed step.
//   node web/tests/neo4j_browser.mjs BROWSER_URL PASSWORD KIT_BASE PARAMS_JSON QUERY EXPECTED SHOT
import { chromium } from "playwright-core";

const [url, password, kitBase, paramsJson, query, expected, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking"],
});
const result = { outside: [], blocked: [], errors: [], console: [], frames: [] };
const wait = { timeout: 120000 };
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(wait.timeout); // both engines' passes may share two cores with this browser
page.on("console", (m) => { if (m.type() === "error") result.console.push(m.text().slice(0, 200)); });
try {
  const origin = new URL(url).origin;
  page.on("request", (r) => {
    const to = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(to.hostname)) result.outside.push(r.url());
  });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("requestfailed", (r) => {
    const to = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(to.hostname)) result.blocked.push(r.failure().errorText);
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="password"]', wait);
  await page.fill('[data-testid="password"]', password);
  await page.click('[data-testid="connect"]');
  // Connected: the Browser opens its welcome frame (`:play start`) once Bolt answers.
  await page.waitForFunction(() => document.body.innerText.includes("Getting started with Neo4j Browser"),
    null, wait);
  const editor = page.locator('[data-testid="activeEditor"] textarea').first();
  const run = async (text) => {
    const frames = await page.locator('[data-testid="frame"]').count();
    await editor.click();
    await page.keyboard.insertText(text);
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="frame"]').length > n,
      frames, wait);
    await page.waitForTimeout(300);
    const latest = await page.locator('[data-testid="frame"]').first().innerText();
    result.frames.push(latest.slice(0, 160));
  };
  result.connected = (await page.locator('[data-testid="frame"]').count()) > 0;
  await run(`:style ${kitBase}/rapport/rapport.grass`);
  await page.waitForTimeout(500);
  result.styleFrame = await page.locator('[data-testid="frame"]').first().innerText();
  await run(`:play ${kitBase}/rapport/guide.html`);
  await page.waitForFunction(() => document.body.innerText.includes("Rapport for marketers"), null, wait);
  result.guide = true;
  for (const [name, value] of Object.entries(JSON.parse(paramsJson))) {
    await run(`:param ${name} => ${value}`);
  }
  await run(query.replace(/\s+/g, " "));
  await page.waitForSelector("svg .node", wait);
  await page.waitForTimeout(1500);
  result.nodes = await page.locator("svg .node").count();
  result.captions = await page.$$eval("svg .node text", (ts) => ts.map((t) => t.textContent));
  result.customerColour = await page.$$eval("svg .node circle.b-outline",
    (cs) => cs.map((c) => (c.getAttribute("fill") || "").toUpperCase()));
  result.drawsExpected = result.captions.join(" ").includes(expected.split(" ")[0]);
  await page.screenshot({ path: shot });
  result.ok = result.connected && result.nodes > 0 && result.drawsExpected && result.errors.length === 0;
} catch (error) {
  result.ok = false;
  result.failure = String(error);
  if (shot) await page.screenshot({ path: shot }).catch(() => {});
}
await browser.close();
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
