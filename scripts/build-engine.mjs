// Builds what the browser loads from engine/: the kernel worker bundle, and the type declarations
// the editor uses for completion and hover docs (generated from engine/cell-api.ts, never by hand).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { TF_SCRIPT } from "../engine/backend-names.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "public", "engine");
mkdirSync(outDir, { recursive: true });

/** Classic-worker scripts: one IIFE each, minified, for the browsers the course supports. */
const workerScript = {
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
};

/**
 * For the scripts the worker loads into a running kernel: their timers are the worker's own, not the
 * cells' (engine/engine-timers.ts says why).
 */
const withHostTimers = { inject: [join(root, "engine", "engine-timers.ts")] };

const started = Date.now();
await build({
  ...workerScript,
  entryPoints: [join(root, "engine", "worker.ts")],
  outfile: join(outDir, "kernel.js"),
  sourcemap: "linked",
});

// TensorFlow.js (tfjs-core, its gradients, the CPU backend), loaded by the worker on first need
// (engine/tf-runtime.ts): the kernel answers a lesson's first cells without compiling it.
await build({
  ...workerScript,
  ...withHostTimers,
  entryPoints: [join(root, "engine", "tf-runtime.ts")],
  outfile: join(outDir, TF_SCRIPT),
});

// The WebGL and WASM backends, loaded on demand by the worker. Their tfjs-core is the worker's
// (handed over on a private global just before loading), so they register into the same engine.
for (const [entry, outfile] of [["webgl-backend.ts", "kernel-webgl.js"], ["wasm-backend.ts", "kernel-wasm.js"]]) {
  await build({
    ...workerScript,
    ...withHostTimers,
    entryPoints: [join(root, "engine", entry)],
    outfile: join(outDir, outfile),
    plugins: [
      {
        name: "worker-tfjs-core",
        setup(plugin) {
          plugin.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({ path: "tfjs-core", namespace: "worker-global" }));
          plugin.onLoad({ filter: /.*/, namespace: "worker-global" }, () => ({
            contents: "module.exports = self.__descentTfCore;",
            loader: "js",
          }));
        },
      },
    ],
  });
}

// The cell transpiler, loaded on first need (engine/compiler.ts): a lesson's own cells come compiled.
await build({
  ...workerScript,
  entryPoints: [join(root, "engine", "transpile-script.ts")],
  outfile: join(outDir, "kernel-transpile.js"),
});

// The Layers API, loaded on a cell's first use of tf.sequential, tf.layers, …, into the same
// engine. Gradients are already registered by the worker's tfjs-core.
await build({
  ...workerScript,
  ...withHostTimers,
  entryPoints: [join(root, "engine", "layers-script.ts")],
  outfile: join(outDir, "kernel-layers.js"),
  plugins: [
    {
      name: "worker-tfjs-core",
      setup(plugin) {
        plugin.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({ path: "tfjs-core", namespace: "worker-global" }));
        plugin.onResolve({ filter: /^@tensorflow\/tfjs-core\/dist\/register_all_gradients$/ }, () => ({ path: "gradients", namespace: "already-registered" }));
        plugin.onLoad({ filter: /.*/, namespace: "worker-global" }, () => ({ contents: "module.exports = self.__descentTfCore;", loader: "js" }));
        plugin.onLoad({ filter: /.*/, namespace: "already-registered" }, () => ({ contents: "", loader: "js" }));
      },
    },
  ],
});

// tfjs's WASM binaries, served from our own origin (the worker fetches them from /engine/wasm/).
mkdirSync(join(outDir, "wasm"), { recursive: true });
const wasmDist = join(root, "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");
for (const file of readdirSync(wasmDist)) {
  if (file.endsWith(".wasm")) copyFileSync(join(wasmDist, file), join(outDir, "wasm", file));
}

// Declarations: tsc emits engine/cell-api.ts and what it imports; tfjs-core's and tfjs-layers' own
// .d.ts files come along so that `tf.` completes. Paths mimic node_modules so the editor's TypeScript resolves them.
const typesDir = join(root, ".cache", "engine-types");
rmSync(typesDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "engine", "tsconfig.cell-api.json")],
  { stdio: "inherit" },
);

const files = {};
const tfRoot = join(root, "node_modules", "@tensorflow", "tfjs-core");
const stripLicense = (text) => text.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "");
for (const file of readdirSync(join(tfRoot, "dist"), { recursive: true })) {
  const path = String(file);
  if (!path.endsWith(".d.ts") || path.endsWith("_test.d.ts")) continue;
  files[`file:///node_modules/@tensorflow/tfjs-core/dist/${path}`] = stripLicense(readFileSync(join(tfRoot, "dist", path), "utf8"));
}
/** Points `@tensorflow/tfjs-core` and `-layers` imports at the files above, relative to `at` (a path under /node_modules). */
const resolveTf = (text, at) =>
  text.replace(/(["'])@tensorflow\/(tfjs-core|tfjs-layers)\1/g, (_, quote, name) => {
    const target = relative(dirname(at), `/node_modules/@tensorflow/${name}/dist/index`);
    return `${quote}${target.startsWith(".") ? target : `./${target}`}${quote}`;
  });
// The Layers API's declarations (tf.sequential, tf.layers, model.fit…), importing tfjs-core's above.
const layersRoot = join(root, "node_modules", "@tensorflow", "tfjs-layers");
for (const file of readdirSync(join(layersRoot, "dist"), { recursive: true })) {
  const path = String(file);
  if (!path.endsWith(".d.ts") || path.endsWith("_test.d.ts")) continue;
  const at = `/node_modules/@tensorflow/tfjs-layers/dist/${path}`;
  files[`file://${at}`] = resolveTf(stripLicense(readFileSync(join(layersRoot, "dist", path), "utf8")), at);
}
for (const file of readdirSync(typesDir, { recursive: true })) {
  const path = String(file);
  if (!path.endsWith(".d.ts")) continue;
  const at = `/node_modules/@descent/engine/${path}`;
  files[`file://${at}`] = resolveTf(readFileSync(join(typesDir, path), "utf8"), at);
}
writeFileSync(join(outDir, "types.json"), JSON.stringify({ entry: "file:///node_modules/@descent/engine/cell-api.d.ts", files }));
console.log(`engine: kernel.js, kernel-tf.js, kernel-webgl.js, kernel-wasm.js, kernel-layers.js, kernel-transpile.js and types.json (${Object.keys(files).length} declaration files) in ${Date.now() - started} ms`);
