/**
 * What the kernel needs of the cell transpiler (transpile.ts), and cells compiled ahead of time.
 *
 * The transpiler (sucrase, acorn, magic-string, source maps) is ~40% of the kernel's code. In the
 * browser it is a script of its own (kernel-transpile.js, transpile-script.ts), loaded on the first
 * run of code the kernel has no compiled form of: a lesson's own cells come compiled at build time
 * (app/lessons/[slug]/compiled-cells.json), so a lesson's first run neither loads nor warms it up.
 */
import * as z from "zod/mini";
import type { CellSyntaxError, mapPosition, transpileCell } from "./transpile";

/** The name under which the kernel runtime is visible to transpiled code. */
export const RUNTIME_NAME = "__descent";

export interface Compiler {
  transpileCell: typeof transpileCell;
  mapPosition: typeof mapPosition;
  CellSyntaxError: typeof CellSyntaxError;
}

/**
 * A cell compiled at build time: what transpileCell made of `code`, without its source map (which
 * depends on the run's file name and is rarely needed: the kernel transpiles the code again to get
 * it when an error must name a line). The compiled script does not depend on the file name.
 */
export const precompiledCellSchema = z.object({ code: z.string(), js: z.string(), declared: z.array(z.string()) });
export const precompiledCellsSchema = z.object({ cells: z.array(precompiledCellSchema) });
export type PrecompiledCell = z.infer<typeof precompiledCellSchema>;

/** Where a lesson's compiled cells are served (app/lessons/[slug]/compiled-cells.json/route.ts). */
export const compiledCellsUrl = (lesson: string) => `/lessons/${encodeURIComponent(lesson)}/compiled-cells.json`;

/** Compiles each cell; a cell that does not compile is left out (the kernel reports its error when it runs). */
export function precompileCells(compiler: Pick<Compiler, "transpileCell">, codes: readonly string[]): PrecompiledCell[] {
  const cells: PrecompiledCell[] = [];
  for (const code of new Set(codes)) {
    try {
      const { js, declared } = compiler.transpileCell(code, "cell");
      cells.push({ code, js, declared });
    } catch {
      // Left to the kernel, which names the line.
    }
  }
  return cells;
}
