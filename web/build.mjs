// Copies the pages and the exact library builds they load into dist/, which the app serves at
// /graphql/ide: nothing is fetched from a CDN when the page runs.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });
const files = {
  "graphiql.min.js": "node_modules/graphiql/graphiql.min.js",
  "graphiql.min.css": "node_modules/graphiql/graphiql.min.css",
  "react.production.min.js": "node_modules/react/umd/react.production.min.js",
  "react-dom.production.min.js": "node_modules/react-dom/umd/react-dom.production.min.js",
  "graphiql.html": "src/graphiql.html",
  "rapport-ide.js": "src/rapport-ide.js",
};
for (const [name, from] of Object.entries(files)) {
  copyFileSync(join(here, from), join(dist, name));
}
writeFileSync(join(dist, ".built"), new Date().toISOString() + "\n");
console.log(`web: ${Object.keys(files).length} files in ${dist}`);
