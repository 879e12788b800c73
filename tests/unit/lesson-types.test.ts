/**
 * Every lesson cell type-checks the way the editor checks it: strict TypeScript against the kernel's
 * declared globals (engine/cell-api.ts) and tfjs-core's types, all cells of a page in one project,
 * ignoring the same notebook-only diagnostics the editor ignores. A learner who opens a cell should
 * see no red squiggles in code we wrote.
 */
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { IGNORED_DIAGNOSTICS } from "../../components/editor/diagnostics";
import { listLessons } from "@/course/lessons.server";
import { renderLesson } from "./lesson-source";

const root = process.cwd();

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  lib: ["lib.esnext.d.ts"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/** The kernel's globals, and tfjs's chained ops (`a.mul(b)`), which the editor also loads. */
const declarationRoots = [
  path.join(root, "engine", "cell-api.ts"),
  path.join(root, "node_modules", "@tensorflow", "tfjs-core", "dist", "public", "chained_ops", "register_all_chained_ops.d.ts"),
];

function typeErrors(cells: { index: number; code: string }[]): string[] {
  const virtual = new Map(cells.map(({ index, code }) => [path.join(root, ".cells", `cell-${index}.ts`), code]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, onError) => {
    const code = virtual.get(file);
    return code === undefined ? getSourceFile(file, language, onError) : ts.createSourceFile(file, code, language, true, ts.ScriptKind.TS);
  };
  const program = ts.createProgram([...declarationRoots, ...virtual.keys()], options, host);
  const ignored = new Set(IGNORED_DIAGNOSTICS);
  const errors: string[] = [];
  for (const [file] of virtual) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} was not compiled`);
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      if (ignored.has(diagnostic.code)) continue;
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      errors.push(`${path.basename(file, ".ts")}, line ${line + 1}, column ${character + 1}: TS${diagnostic.code} ${message}`);
    }
  }
  return errors;
}

const lessons = await listLessons();

describe("lesson cells type-check as the editor checks them", () => {
  test.each(lessons.map((lesson) => lesson.slug))("%s", { timeout: 60_000 }, async (slug) => {
    const { cells } = await renderLesson(slug);
    expect(typeErrors(cells), `${slug}: type errors a learner would see in the editor`).toEqual([]);
  });

  test("a cell with a type error is reported with its cell and line", () => {
    const errors = typeErrors([
      { index: 1, code: "const n: number = 1;" },
      { index: 2, code: "const s: string = n;\ntf.scalar(1).mul(2);" },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^cell-2, line 1, column 7: TS2322 /);
  });
});
