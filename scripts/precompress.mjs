// Writes Brotli and gzip copies of the files browsers fetch from .next/static and public/ (the page's
// chunks, the kernel worker and its backends, the WebAssembly, Plotly), and a list of them that
// server.mjs serves them from. Next compresses every response on the fly: a lesson's first load asks
// for ~3 MB of scripts at once, and on a 2-core server gzip for them took the CPU the page waited on.
// Brotli at its best setting is ~1.6 s per MB here, so it is kept to files under 1 MiB; larger ones
// get quality 9 (within ~10 % of it, ~15× faster).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
/** The list server.mjs reads: URL paths that have a .br and a .gz beside them. */
export const PRECOMPRESSED_LIST = join(root, ".next", "descent-precompressed.json");
/** The folders, and the URL path each is served under: Next's build output and public/. */
export const BUILD_FILES = { dir: join(root, ".next", "static"), url: "/_next/static/" };
export const PUBLIC_FILES = { dir: join(root, "public"), url: "/" };
const COMPRESSIBLE = /\.(js|mjs|css|json|wasm|svg|txt)$/;
const MIN_BYTES = 1024;
const BEST_UP_TO = 1024 * 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

async function compress(path) {
  const data = readFileSync(path);
  const [br, gzipped] = await Promise.all([
    brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: data.length <= BEST_UP_TO ? 11 : 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gz(data, { level: 9 }),
  ]);
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipped);
  return { bytes: data.length, br: br.length };
}

/** Compresses every file and writes the list. */
async function precompressAll() {
  const started = Date.now();
  const work = [BUILD_FILES, PUBLIC_FILES].flatMap(({ dir, url }) =>
    [...files(dir)].filter((path) => statSync(path).size >= MIN_BYTES).map((path) => ({ path, url: url + relative(dir, path).split("\\").join("/") })),
  );
  const listed = [];
  let bytes = 0;
  let brBytes = 0;
  // A few at a time: zlib runs on libuv's thread pool, which uses both cores.
  for (let next = 0; next < work.length; next += 4) {
    const batch = work.slice(next, next + 4);
    for (const [i, result] of (await Promise.all(batch.map(({ path }) => compress(path)))).entries()) {
      listed.push(batch[i].url);
      bytes += result.bytes;
      brBytes += result.br;
    }
  }
  writeFileSync(PRECOMPRESSED_LIST, `${JSON.stringify(listed.sort(), null, 1)}\n`);
  console.log(`precompress: ${listed.length} files, ${(bytes / 1e6).toFixed(1)} MB → ${(brBytes / 1e6).toFixed(1)} MB brotli, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as `node scripts/precompress.mjs` (npm run build); imported by server.mjs for the names above only.
if (process.argv[1] === fileURLToPath(import.meta.url)) await precompressAll();
