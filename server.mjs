// The production server (`npm start`): Next's request handler, with the submissions POST served
// directly. At a deadline that route comes by the hundred per second, and Next's routing, web
// streams and response piping cost its web process more CPU than grading's own work there; the
// route's code is the same either way (grader/submissions-api.server.ts), only the way in differs.
//
// Flags as `next start` takes them: -p/--port (or PORT, default 3000), -H/--hostname (default 0.0.0.0:
// not the HOSTNAME variable, which containers set to their own name).
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import sirv from "sirv";
import { ENGINE_PATH, ISOLATION_HEADERS, KERNEL_CSP } from "./next.config.mjs";
import { BUILD_FILES, PRECOMPRESSED_LIST, PUBLIC_FILES } from "./scripts/precompress.mjs";

// As `next start` has it; set before Next is loaded, which reads it.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "0.0.0.0";
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`server.mjs: the port must be a number from 0 to 65535 (got "${values.port ?? process.env.PORT}")`);
  process.exit(2);
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/**
 * The Brotli and gzip copies `npm run build` wrote (scripts/precompress.mjs), served as files with the
 * headers next.config.mjs gives them, so no script is compressed again for every learner. A file without
 * copies, or a browser that takes neither encoding, goes to Next as before.
 */
const STATIC_PREFIX = BUILD_FILES.url.slice(0, -1);
const precompressed = new Set(existsSync(PRECOMPRESSED_LIST) ? JSON.parse(readFileSync(PRECOMPRESSED_LIST, "utf8")) : []);
const setHeaders = (response, pathname) => {
  for (const { key, value } of ISOLATION_HEADERS) response.setHeader(key, value);
  if (pathname.startsWith(ENGINE_PATH)) response.setHeader("Content-Security-Policy", KERNEL_CSP);
};
const files = { extensions: [], brotli: true, gzip: true, etag: true, setHeaders };
// As Next serves them: its build's files forever (their names change with their content), public/ files revalidated.
const buildFiles = sirv(BUILD_FILES.dir, { ...files, maxAge: 31_536_000, immutable: true });
const publicFiles = sirv(PUBLIC_FILES.dir, { ...files, maxAge: 0 });

function servePrecompressed(request, response, otherwise) {
  if (request.method !== "GET" && request.method !== "HEAD") return otherwise();
  if (!/\b(br|gzip)\b/.test(String(request.headers["accept-encoding"] ?? ""))) return otherwise();
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  if (!precompressed.has(pathname)) return otherwise();
  if (!pathname.startsWith(BUILD_FILES.url)) return publicFiles(request, response, otherwise);
  request.url = url.slice(STATIC_PREFIX.length);
  buildFiles(request, response, () => {
    request.url = url;
    otherwise();
  });
}

const server = createServer((request, response) => {
  // Offered by the route's module once Next has loaded it (offerDirectRoutes).
  const direct = globalThis.__descentDirectRoutes?.[`${request.method} ${request.url}`];
  if (direct) void direct(request, response);
  else servePrecompressed(request, response, () => void handle(request, response));
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const address = server.address();
  const local = typeof address === "object" && address ? address.port : port;
  const host = hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  console.log(`Descent ready on http://${host}:${local}${precompressed.size ? "" : " (no precompressed files: run npm run build)"}`);
  // Loads the submissions route now (a POST without a session: 401), so the first learner's
  // submission already goes the direct way.
  void fetch(`http://${host.includes(":") ? `[${host}]` : host}:${local}/api/submissions`, { method: "POST" }).catch(() => undefined);
});

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // Stop accepting; answers in flight are finished, idle kept-alive sockets are closed.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
