// Bundles the bench's bare tfjs workers with esbuild (the same esbuild and tfjs the course uses).
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const BUILD_DIR = join(BENCH, "..", ".cache", "bench", "build");

export async function buildBenchPages() {
  mkdirSync(BUILD_DIR, { recursive: true });
  // Classic workers, like the kernel's (public/engine/kernel.js is an IIFE too).
  const options = { bundle: true, format: "iife", platform: "browser", target: "es2022", minify: true, legalComments: "none", logLevel: "warning", define: { "process.env.NODE_ENV": '"production"' } };
  await build({ ...options, entryPoints: [join(BENCH, "src", "bare-worker.js")], outfile: join(BUILD_DIR, "bare-worker.js") });
  await build({ ...options, entryPoints: [join(BENCH, "src", "floor-worker.js")], outfile: join(BUILD_DIR, "floor-worker.js") });
}
