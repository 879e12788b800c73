// Copies the browser-only libraries we serve as plain files from our own origin (never a CDN).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const plotlyDist = join(dirname(require.resolve("plotly.js/package.json")), "dist");
const vendor = join(root, "public", "vendor");
mkdirSync(vendor, { recursive: true });
for (const file of ["plotly-basic.min.js", "plotly.min.js"]) copyFileSync(join(plotlyDist, file), join(vendor, file));
console.log("vendor: plotly.js copied to public/vendor");
