/**
 * Rewrites that let lesson cells run unchanged on the tslab kernel (1.0.22). They live here, in the
 * exporter, so lessons are written once, for the browser kernel:
 * - tslab throws a ReferenceError on a shorthand property (`{ total }`) that names a variable from
 *   an earlier cell; `{ total: total }` works, so shorthand properties are spelled out.
 * - tfjs chained ops (`a.matMul(b)`) fail tslab's type check unless the chained-op declarations are
 *   in its program: the engine's declaration file references them (see engine-bundle.ts).
 * - After a cell throws, tslab aborts every cell queued after it: exercise checks, which are meant
 *   to fail on starter code, print their failures instead of throwing (see exercises in export).
 * - tslab ignores tsconfig and checks cells non-strict, which accepts every cell the strict browser
 *   editor accepts, so nothing is needed for it.
 */
import ts from "typescript";

/** Spells out shorthand properties in object literals: `{ a, b }` becomes `{ a: a, b: b }`. */
export function expandShorthandProperties(code: string): string {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { at: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isShorthandPropertyAssignment(node)) {
      const name = node.name.text;
      edits.push({ at: node.name.getEnd(), text: `: ${name}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.text + out.slice(edit.at);
  return out;
}

/** Everything a lesson cell needs to run on tslab. */
export function adaptCellForTslab(code: string): string {
  return expandShorthandProperties(code);
}
