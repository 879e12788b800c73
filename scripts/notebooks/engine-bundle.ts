/**
 * Builds what an exported notebook's setup cell imports: engine/notebook.ts bundled as CommonJS
 * (tfjs-core's ESM files cannot be required by tslab), with declarations so tslab type-checks cells
 * against the same API the browser editor uses. The bundle requires only tslab (the kernel's own, for
 * its display channel); tfjs and the engine are inside it.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function buildNotebookEngine(outDir: string): Promise<void> {
  const engineDir = path.join(outDir, "descent");
  rmSync(engineDir, { recursive: true, force: true });
  mkdirSync(engineDir, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "engine", "notebook.ts")],
    outfile: path.join(engineDir, "engine.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    // tfjs's ESM builds (its "module" field), as the browser worker gets them: one copy of
    // tfjs-core, with the CPU backend's registration kept (its node build is marked side-effect free).
    mainFields: ["module", "main"],
    // The kernel's own tslab: its display channel must be the one the notebook talks to.
    external: ["tslab", "tslab/*"],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });

  const typesDir = path.join(engineDir, "types");
  const program = ts.createProgram([path.join(ROOT, "engine", "notebook.ts")], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: typesDir,
    rootDir: path.join(ROOT, "engine"),
  });
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error("could not emit the engine's declarations for notebooks");
  // The chained ops (`a.matMul(b)`) are declared as module augmentations that tslab's program only
  // sees when referenced explicitly. Both resolve from the node_modules above the notebooks: the
  // project's, or the one `npm install` makes in an exported folder (handout.ts pins tfjs-core).
  writeFileSync(
    path.join(engineDir, "engine.d.cts"),
    '/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" />\nexport * from "./types/notebook";\n',
  );
}
