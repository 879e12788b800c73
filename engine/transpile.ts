/**
 * The cell transpiler: TypeScript cell source in, a script the kernel can evaluate out.
 *
 * - Types are stripped by sucrase (fast, small enough for a worker, keeps positions mappable).
 * - Top-level `const`/`let`/`var`/`function`/`class` become properties of the kernel's global scope,
 *   so later cells see them and re-running a cell redefines them without "already declared".
 * - The cell body runs inside an async function, so top-level `await` works, and the value of a
 *   trailing expression statement is returned.
 * - Loops call `__descent.tick()` and function bodies read the interrupt flag (one plain load, so
 *   a recursive function runs at about native speed), which throw when the page asks for an
 *   interrupt; that is how `while (true) {}` and runaway recursion stop without losing the state.
 * - `await x` becomes `__descent.resume(__descent.token(), await x)`, so a continuation resumes as
 *   the run that began it, and stops if that run was interrupted (see cell-tasks.ts).
 * - A source map from the output back to the cell's own source lets errors name the cell's line.
 */
import remapping from "@ampproject/remapping";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { parse, type Node, type Options as AcornOptions } from "acorn";
import { simple as walkSimple } from "acorn-walk";
import MagicString from "magic-string";
import { transform } from "sucrase";
import { RUNTIME_NAME } from "./compiler";
import { lineColumnAt } from "./positions";

export { RUNTIME_NAME };

export interface TranspiledCell {
  /** A script whose completion value is a Promise of the cell's last expression value. */
  js: string;
  /** Source map (v3, JSON-serialisable) from `js` back to the cell's own source. */
  map: SourceMapV3;
  /** Names the cell defines at top level, in order of appearance. */
  declared: string[];
}

export interface SourceMapV3 {
  version: number;
  sources: (string | null)[];
  names: string[];
  mappings: string;
  file?: string | null;
  sourcesContent?: (string | null)[];
}

/** A cell that cannot be compiled. `line` and `column` are 1-based, in the cell's own source. */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

interface AcornNode extends Node {
  [key: string]: unknown;
}

const ACORN_OPTIONS: AcornOptions = {
  ecmaVersion: "latest",
  sourceType: "script",
  allowAwaitOutsideFunction: true,
  locations: true,
};

export interface TranspileOptions {
  /**
   * Compile as exercise code for **Check** instead of as a cell: its top-level names stay in a scope
   * of its own (the kernel's globals readable, never replaced), and the script's value is a Promise
   * of these functions (source text), each closed over that scope.
   */
  closures?: string[];
}

export function transpileCell(source: string, cellName: string, options: TranspileOptions = {}): TranspiledCell {
  refuseNamespaces(source);
  const stripped = stripTypes(source, cellName);
  const program = parseScript(stripped.code, stripped.map, cellName);

  const out = new MagicString(stripped.code);
  const declared: string[] = [];
  const functionNames: string[] = [];
  const addName = (name: string) => {
    if (!declared.includes(name)) declared.push(name);
  };

  // Instrument first, so that wrappers closing at the same offset nest inside the rewrites below.
  instrument(program, out, stripped.code, stripped.map, cellName);

  const body = program.body as AcornNode[];
  if (options.closures) {
    for (const statement of body) {
      if (statement.type === "VariableDeclaration") for (const d of statement.declarations as AcornNode[]) for (const name of bindingNames(d.id as AcornNode)) addName(name);
      if ((statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") && typeof (statement.id as AcornNode | null)?.name === "string") addName((statement.id as AcornNode).name as string);
    }
    out.prepend("(async () => {");
    out.append(`\n;return [${options.closures.map((closure) => `(${closure})`).join(",\n")}];\n})()`);
    return finish(out, stripped, cellName, declared);
  }
  body.forEach((statement, index) => {
    const isLast = index === body.length - 1;
    switch (statement.type) {
      case "VariableDeclaration":
        rewriteDeclaration(out, statement, addName);
        break;
      case "FunctionDeclaration": {
        const name = (statement.id as AcornNode | null)?.name;
        if (typeof name === "string") {
          addName(name);
          functionNames.push(name);
        }
        break;
      }
      case "ClassDeclaration": {
        const name = (statement.id as AcornNode).name as string;
        addName(name);
        out.prependRight(statement.start, `;${name} = `);
        out.appendLeft(statement.end, ";");
        break;
      }
      case "ExpressionStatement":
        // A last line that is a string literal parses as a directive; a REPL shows it all the same.
        if (isLast) {
          // The statement, not the expression: `({ a: 1 })` has its parentheses outside the node.
          const end = stripped.code[statement.end - 1] === ";" ? statement.end - 1 : statement.end;
          out.prependRight(statement.start, "return (");
          out.appendLeft(end, ")");
        }
        break;
    }
  });

  const exports = functionNames.map((name) => `${JSON.stringify(name)}: ${name}`).join(", ");
  out.prepend(
    `(async () => {${RUNTIME_NAME}.declare(${JSON.stringify(declared)}, {${exports}});`,
  );
  out.append(`\n})()`);
  return finish(out, stripped, cellName, declared);
}

function finish(out: MagicString, stripped: StrippedCell, cellName: string, declared: string[]): TranspiledCell {
  const strippedName = `${cellName}.stripped.js`;
  let map: SourceMapV3 | undefined;
  return {
    js: out.toString(),
    // Built on first use (an error to describe): most runs never need it, and it was most of the work.
    get map() {
      if (map) return map;
      const ownMap = out.generateMap({ hires: true, source: strippedName, includeContent: false });
      const remapped = remapping(JSON.stringify(ownMap), (file) => (file === strippedName ? JSON.stringify(stripped.map()) : null));
      map = { ...(JSON.parse(remapped.toString()) as SourceMapV3), file: `${cellName}.js` };
      return map;
    },
    declared,
  };
}

/** The cell without its types; `map()`, computed on first use, leads back to the cell's source. */
interface StrippedCell {
  code: string;
  map(): SourceMapV3;
}

function stripTypes(source: string, cellName: string): StrippedCell {
  const options = {
    transforms: ["typescript" as const],
    disableESTransforms: true,
    // Keep imports even when unused, so that the parser below can refuse them with a clear message.
    keepUnusedImports: true,
    filePath: cellName,
  };
  let code: string;
  try {
    code = transform(source, options).code;
  } catch (error) {
    const pos = positionOf(error);
    if (pos === undefined) throw error;
    const { line, column } = lineColumnAt(source, pos);
    const message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, "") : String(error);
    throw new CellSyntaxError(`${message} (line ${line}, column ${column})`, line, column);
  }
  let map: SourceMapV3 | undefined;
  return {
    code,
    // sucrase takes about five times as long with a source map, so the map is made only when asked for.
    map() {
      if (map) return map;
      const result = transform(source, { ...options, sourceMapOptions: { compiledFilename: cellName } });
      if (!result.sourceMap) throw new Error("sucrase returned no source map");
      map = { ...result.sourceMap, sources: [cellName] };
      return map;
    },
  };
}

function parseScript(code: string, map: () => SourceMapV3, cellName: string): AcornNode {
  try {
    return parse(code, ACORN_OPTIONS) as unknown as AcornNode;
  } catch (error) {
    const pos = positionOf(error);
    if (pos === undefined) throw error;
    const original = originalPosition(code, pos, map, cellName);
    let message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, "") : String(error);
    if (/'import' and 'export' may appear only/.test(message)) {
      message = "Cells cannot use import or export: tf, plot and display are already available";
    }
    throw new CellSyntaxError(
      `${message} (line ${original.line}, column ${original.column})`,
      original.line,
      original.column,
    );
  }
}

/** `const {a, b: [c]} = o, d;` becomes `;({a, b: [c]} = o, d = void 0);`. */
function rewriteDeclaration(out: MagicString, declaration: AcornNode, addName: (name: string) => void) {
  const declarators = declaration.declarations as AcornNode[];
  const first = declarators[0];
  const last = declarators[declarators.length - 1];
  if (!first || !last) return;
  out.overwrite(declaration.start, first.start, ";(");
  for (const declarator of declarators) {
    for (const name of bindingNames(declarator.id as AcornNode)) addName(name);
    if (declarator.init === null) out.appendLeft(declarator.end, " = void 0");
  }
  out.appendLeft(last.end, ");");
}

function bindingNames(pattern: AcornNode): string[] {
  switch (pattern.type) {
    case "Identifier":
      return [pattern.name as string];
    case "ObjectPattern":
      return (pattern.properties as AcornNode[]).flatMap((property) =>
        property.type === "RestElement"
          ? bindingNames(property.argument as AcornNode)
          : bindingNames(property.value as AcornNode),
      );
    case "ArrayPattern":
      return (pattern.elements as (AcornNode | null)[]).flatMap((element) =>
        element ? bindingNames(element) : [],
      );
    case "RestElement":
      return bindingNames(pattern.argument as AcornNode);
    case "AssignmentPattern":
      return bindingNames(pattern.left as AcornNode);
    default:
      return [];
  }
}

const TICK = `${RUNTIME_NAME}.tick();`;
/**
 * Function entries read the interrupt flag with a plain load: `__descent` is a constant global and
 * `flag` a frozen property, so V8 folds the lookup, and the load costs about nothing (a call to
 * `Atomics.load` at every entry made a recursive fib 3-7x slower).
 */
const ENTRY_CHECK = `${RUNTIME_NAME}.flag[0] !== 0 && ${RUNTIME_NAME}.tick()`;

/**
 * sucrase erases a `namespace` with values as if it held only types, which leaves its name
 * undefined; say so before that happens. Type-only and `declare` namespaces are fine.
 */
function refuseNamespaces(source: string) {
  const pattern = /^([ \t]*)(?:export\s+)?(namespace|module)\s+([A-Za-z_$][\w$.]*)\s*\{/gm;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const indent = match[1] ?? "";
    const body = source.slice(match.index + match[0].length);
    const end = body.search(new RegExp(`^${indent}\\}`, "m"));
    const inside = end === -1 ? body : body.slice(0, end);
    if (!/\bexport\s+(?:const|let|var|function|class|enum|namespace|module|async|default)\b/.test(inside)) continue;
    const { line, column } = lineColumnAt(source, match.index + indent.length);
    throw new CellSyntaxError(
      `TypeScript namespaces with values (\`${match[2]} ${match[3]}\`) are not supported in cells: use an object (\`const ${match[3]} = { ... }\`) or top-level functions instead (line ${line}, column ${column})`,
      line,
      column,
    );
  }
}

function instrument(
  program: AcornNode,
  out: MagicString,
  code: string,
  map: () => SourceMapV3,
  cellName: string,
) {
  const tickBody = (body: AcornNode) => {
    if (body.type === "BlockStatement") {
      out.appendLeft(body.start + 1, TICK);
    } else {
      out.prependRight(body.start, `{${TICK}`);
      out.appendLeft(body.end, "}");
    }
  };
  const loop = (node: Node) => tickBody((node as AcornNode).body as AcornNode);
  const fn = (node: Node) => {
    const body = (node as AcornNode).body as AcornNode;
    if (body.type === "BlockStatement") {
      out.appendLeft(body.start + 1, `${ENTRY_CHECK};`);
    } else {
      out.prependRight(body.start, `(${ENTRY_CHECK}, `);
      out.appendLeft(body.end, ")");
    }
  };
  walkSimple(program, {
    WhileStatement: loop,
    DoWhileStatement: loop,
    ForStatement: loop,
    ForInStatement: loop,
    ForOfStatement: loop,
    FunctionDeclaration: fn,
    FunctionExpression: fn,
    ArrowFunctionExpression: fn,
    AwaitExpression(node) {
      out.prependRight(node.start, `${RUNTIME_NAME}.resume(${RUNTIME_NAME}.token(), `);
      out.appendLeft(node.end, ")");
    },
    ImportExpression(node) {
      const original = originalPosition(code, node.start, map, cellName);
      throw new CellSyntaxError(
        `Cells cannot import modules: tf, plot and display are already available (line ${original.line}, column ${original.column})`,
        original.line,
        original.column,
      );
    },
  });
}

function positionOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("pos" in error)) return undefined;
  const pos = (error as { pos: unknown }).pos;
  return typeof pos === "number" ? pos : undefined;
}

function originalPosition(code: string, offset: number, map: () => SourceMapV3, cellName: string) {
  const generated = lineColumnAt(code, offset);
  return mapPosition(map(), cellName, generated.line, generated.column) ?? generated;
}

/** Maps a 1-based position in generated code back to the cell's source; undefined if unmapped. */
export function mapPosition(
  map: SourceMapV3,
  cellName: string,
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  const traced = originalPositionFor(new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]), {
    line,
    column: column - 1,
  });
  if (traced.line === null || traced.column === null) return undefined;
  if (traced.source !== null && !traced.source.endsWith(cellName)) return undefined;
  return { line: traced.line, column: traced.column + 1 };
}
