// Every page is served cross-origin isolated (COOP/COEP): every asset is our own anyway, and it
// gives the kernel SharedArrayBuffer, which is how a busy cell hears "Interrupt".
// The kernel worker gets its own Content-Security-Policy: it may run its own code and eval cells,
// but it may not load code from, or connect to, anywhere else.
export const ISOLATION_HEADERS = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
];

/** Where the kernel worker and what it loads are served from (public/engine/): they get KERNEL_CSP. */
export const ENGINE_PATH = "/engine/";

export const KERNEL_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The exercise pipeline and the grader run esbuild and native addons on the server: load them from
  // node_modules at run time instead of bundling them.
  serverExternalPackages: ["esbuild", "better-sqlite3", "pg", "pg-boss", "@dodona/dolos-lib", "@dodona/dolos-core", "@dodona/dolos-parsers", "tree-sitter"],
  async headers() {
    return [
      { source: "/:path*", headers: ISOLATION_HEADERS },
      { source: `${ENGINE_PATH}:path*`, headers: [{ key: "Content-Security-Policy", value: KERNEL_CSP }] },
    ];
  },
};

export default nextConfig;
