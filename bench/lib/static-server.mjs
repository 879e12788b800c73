// A small static server for the bench's own pages (Pyodide, the bare tfjs workers, the tensor page),
// cross-origin isolated like the course, on a loopback port of its own. Nothing leaves the machine.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".map": "application/json",
  ".whl": "application/octet-stream",
};

/** mounts: {"/pyodide/": "/abs/dir", ...}; the longest matching prefix wins. */
export function startStaticServer(mounts, port) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    const root = prefix ? mounts[prefix] : undefined;
    const file = root ? normalize(join(root, path.slice(prefix.length) || "index.html")) : undefined;
    let size = -1;
    try {
      if (file && (file === root || file.startsWith(root.endsWith(sep) ? root : root + sep))) size = statSync(file).isFile() ? statSync(file).size : -1;
    } catch {
      size = -1;
    }
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "no-store",
    };
    if (size < 0) {
      response.writeHead(404, { ...headers, "Content-Type": "text/plain" }).end(`not found: ${path}`);
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": size });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) }));
  });
}
