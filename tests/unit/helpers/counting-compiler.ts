/** The cell transpiler, recording each call: which runs needed it, and for what source. */
import type { Compiler } from "../../../engine/compiler";
import * as transpiler from "../../../engine/transpile";

export function countingCompiler(): { calls: { source: string; filename: string }[]; compiler: Compiler } {
  const calls: { source: string; filename: string }[] = [];
  const transpileCell: Compiler["transpileCell"] = (source, filename, options) => {
    calls.push({ source, filename });
    return transpiler.transpileCell(source, filename, options);
  };
  return { calls, compiler: { ...transpiler, transpileCell } };
}
