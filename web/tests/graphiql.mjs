// Drives Rapport's GraphiQL in headless Chromium, as a person would: open the page (no key), see
// it ask for one, enter it, run a query, read the answer. Prints one JSON line; exits 1 on a
// failed expectation.
//   node web/tests/graphiql.mjs BASE_URL API_KEY QUERY EXPECTED_TEXT
import { chromium } from "playwright-core";

const [base, key, query, expected] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking"],
});
const result = { external: [], errors: [] };
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120000); // both engines' passes may share two cores with this browser
  page.on("request", (r) => { if (!r.url().startsWith(base)) result.external.push(r.url()); });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  const opened = await page.goto(`${base}/graphql`);
  result.status = opened.status();
  await page.waitForSelector(".graphiql-container", { timeout: 120000 });
  result.askedForKey = (await page.textContent("#status")).includes("no key");
  await page.fill("#key", key);
  await page.click("#use");
  await page.waitForSelector(".graphiql-query-editor .CodeMirror", { timeout: 120000 });
  await page.evaluate((q) => {
    document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(q);
  }, query);
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(
    (text) => (document.querySelector(".graphiql-response")?.innerText || "").includes(text),
    expected, { timeout: 120000 });
  result.answer = await page.innerText(".graphiql-response");
  result.keptKey = await page.evaluate(() => window.localStorage.getItem("rapport.apiKey") !== null);
  result.ok = result.status === 200 && result.askedForKey && result.external.length === 0 &&
    result.errors.length === 0 && result.keptKey;
} catch (error) {
  result.ok = false;
  result.failure = String(error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
