// Copies the Explorer's page, script and style and the exact library builds they load into
// dist/, which the app serves at /explore: nothing is fetched from a CDN when the page runs.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });
const files = {
  "cytoscape.min.js": "node_modules/cytoscape/dist/cytoscape.min.js",
  "uPlot.iife.min.js": "node_modules/uplot/dist/uPlot.iife.min.js",
  "uPlot.min.css": "node_modules/uplot/dist/uPlot.min.css",
  "index.html": "src/index.html",
  "explorer.js": "src/explorer.js",
  "explorer.css": "src/explorer.css",
};
for (const [name, from] of Object.entries(files)) {
  copyFileSync(join(here, from), join(dist, name));
}
writeFileSync(join(dist, ".built"), new Date().toISOString() + "\n");
console.log(`explorer: ${Object.keys(files).length} files in ${dist}`);
