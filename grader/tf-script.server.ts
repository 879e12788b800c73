/**
 * The script that gives a server realm `tf` (engine/grading/tf-realm.ts, bundled once per process
 * with esbuild and kept in memory). Built on demand, so check:content and the grader need no build step.
 */
import "server-only";
import { join } from "node:path";
import { buildSync } from "esbuild";

let script: string | undefined;

export function tfRealmScript(): string {
  script ??= (() => {
    const result = buildSync({
      entryPoints: [join(/*turbopackIgnore: true*/ process.cwd(), "engine", "grading", "tf-realm.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "none",
      logLevel: "silent",
      absWorkingDir: process.cwd(),
      // Realms without `self` or `window`: tfjs looks for a global object under these names.
      banner: { js: "var self = globalThis, window = undefined;" },
      define: { "process.env.NODE_ENV": '"production"' },
    });
    return result.outputFiles[0]?.text ?? "";
  })();
  return script;
}
