import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { marked } from "marked";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { compileLessonFile } from "@/course/lessons.server";
import { exportNotebooks } from "../../scripts/export-notebooks";
import { importNotebook } from "../../scripts/import-notebook";
import { notebookContent } from "./lesson-source";
import { learnerNames } from "../../scripts/notebooks/exercises";
import { type ExportOptions, lessonToNotebook, serializeNotebook } from "../../scripts/notebooks/lesson-to-notebook";
import { notebookToLesson } from "../../scripts/notebooks/notebook-to-lesson";
import { expandShorthandProperties } from "../../scripts/notebooks/tslab-quirks";
import { fixtureTests } from "./fixtures";
import { StaticProse } from "@/components/StaticProse";

const fixtures = path.join(__dirname, "../fixtures/notebooks");
const ROOT = path.join(__dirname, "..", "..");
const run = promisify(execFile);
const slugOf = (file: string) => path.basename(file).replace(/\.[^.]+$/, "");

/** The exercise the fixtures show; the exporter gets only what a notebook may show of it. */
const fixtureExercises: ExportOptions = {
  exercise: (id) => ({
    id,
    title: "Sum of squares",
    prompt: "{/* for authors */}\nWrite `sumSquares(xs)`: $\\sum_i x_i^2$.\n",
    starter: "function sumSquares(xs: number[]): number {\n  return 0;\n}\n",
    visibleTests: 'export default defineTests((t) => {\n  t.test("three numbers", { input: [1, 2, 3], run: (xs) => sumSquares(xs), check: (got, { expect }) => expect.close(got, 14) });\n});\n',
    learnerNames: ["sumSquares"],
    hints: ["Square each x_i, then add them up.", "For [1, 2, 3] that is 1*1 + 2*2 + 3*3 = 14: use xs.reduce((sum, x) => sum + x ** 2, 0)."],
  }),
};

describe("export fixtures: lesson MDX -> notebook", () => {
  fixtureTests(path.join(fixtures, "export"), ".ipynb", (source, file) =>
    serializeNotebook(lessonToNotebook(source, slugOf(file), slugOf(file), fixtureExercises)),
  );
});

describe("import fixtures: notebook -> lesson MDX", () => {
  fixtureTests(path.join(fixtures, "import"), ".mdx", (source, file) => notebookToLesson(source, path.basename(file), { nextOrder: 7 }).mdx);
});

describe("export:notebooks --zip", () => {
  const tree = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();

  test("writes the same folder as one archive, which unpacks (Python's zipfile) to what the folder export writes", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "descent-zip-"));
    const lessons = path.join(fixtures, "tslab");
    const cli = (...args: string[]) => run(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "scripts", "export-notebooks.ts"), "--lessons", lessons, ...args], { cwd: ROOT });
    await cli("--out", path.join(dir, "folder"));
    const { stdout } = await cli("--out", path.join(dir, "class"), "--zip");
    expect(stdout).toContain(`exported to ${path.join(dir, "class.zip")}`);
    expect(existsSync(path.join(dir, "class"))).toBe(false);
    await run("/usr/bin/python3", ["-m", "zipfile", "-e", path.join(dir, "class.zip"), path.join(dir, "unpacked")]);
    // One top folder, named after the archive, holding the notebooks, descent/, package.json, README.md.
    expect(readdirSync(path.join(dir, "unpacked"))).toEqual(["class"]);
    const files = tree(path.join(dir, "folder"));
    expect(files).toEqual(expect.arrayContaining(["README.md", "package.json", "shapes.ipynb", path.join("descent", "engine.cjs"), path.join("descent", "register-kernel.mjs")]));
    expect(tree(path.join(dir, "unpacked", "class"))).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(dir, "unpacked", "class", file)).equals(readFileSync(path.join(dir, "folder", file))), file).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

test("an export refuses a folder whose package.json belongs to another project, and leaves it alone", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "descent-other-"));
  writeFileSync(path.join(dir, "package.json"), '{ "name": "my-app" }\n');
  await expect(exportNotebooks(dir, path.join(fixtures, "tslab"))).rejects.toThrow(/package\.json belongs to another package \("my-app"\): export the notebooks into a folder of their own/);
  expect(readdirSync(dir)).toEqual(["package.json"]);
  expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe('{ "name": "my-app" }\n');
  rmSync(dir, { recursive: true, force: true });
});

describe("import fixtures with --keep-outputs: each cell's saved outputs follow it as prose", () => {
  fixtureTests(path.join(fixtures, "import-outputs"), ".mdx", (source, file) => notebookToLesson(source, path.basename(file), { nextOrder: 7, keepOutputs: true }).mdx);

  test("a lesson imported with its outputs builds, and its page shows them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "descent-kept-outputs-"));
    const file = path.join(dir, "executed.mdx");
    const source = readFileSync(path.join(fixtures, "import-outputs", "input", "executed.ipynb"), "utf8");
    writeFileSync(file, notebookToLesson(source, "executed.ipynb", { nextOrder: 7, keepOutputs: true }).mdx);
    const lesson = await compileLessonFile(file);
    const Content = getMDXComponent(lesson.code);
    const html = renderToStaticMarkup(createElement(Content, { components: { Cell: () => createElement("section", null, "cell"), StaticProse } }));
    // The output is text: its "<" is escaped (the page's HTML need not escape ">").
    expect(html).toContain("loss {0.25} &lt;small>\n[ 1, 2 ]");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain("Error: boom ```");
    expect(html).not.toContain("<b>");
    rmSync(dir, { recursive: true, force: true });
  });

  test("without --keep-outputs, outputs are dropped", () => {
    const source = readFileSync(path.join(fixtures, "import-outputs", "input", "executed.ipynb"), "utf8");
    const { mdx } = notebookToLesson(source, "executed.ipynb", { nextOrder: 7 });
    expect(mdx).not.toContain("```text");
    expect(mdx).not.toContain("data:image/png");
    expect(mdx).not.toContain("saved in the notebook");
  });
});

describe("exercises in notebooks", () => {
  test("the check cell hands the tests the functions their visible tests declare", () => {
    expect(learnerNames('import x from "y";\ndeclare function softmax(z: number[]): number[];\ndeclare const rate: number;\nfunction helper() {}\n')).toEqual(["softmax", "rate"]);
  });

  test("an exercise exports its prompt, its starter code, its visible tests and a check cell, tagged so import can fold them back", () => {
    const source = readFileSync(path.join(fixtures, "export", "input", "with-exercise.mdx"), "utf8");
    const cells = lessonToNotebook(source, "with-exercise.mdx", "with-exercise", fixtureExercises).cells.filter((cell) => cell.metadata.descent);
    expect(cells.map((cell) => [cell.cell_type, cell.source.join("")])).toEqual([
      ["markdown", "### Exercise: Sum of squares\n\nWrite `sumSquares(xs)`: $\\sum_i x_i^2$."],
      ["code", "function sumSquares(xs: number[]): number {\n  return 0;\n}"],
      ["markdown", expect.stringMatching(/^The visible tests, which the next cell runs against your code:\n\n```ts\nexport default defineTests[\s\S]*"three numbers"[\s\S]*\n```$/)],
      ["code", expect.stringContaining('from "./descent/exercises/sum-squares.cjs";\nawait checkSumSquares({ sumSquares: sumSquares });')],
      ["markdown", "<details>\n<summary>Hint 1 of 2</summary>\n\nSquare each x\\_i, then add them up.\n\n</details>"],
      ["markdown", expect.stringMatching(/^<details>\n<summary>Hint 2 of 2<\/summary>\n\nFor \\\[1, 2, 3\\\] that is 1\\\*1 \+ /)],
    ]);
  });

  test("hints follow the check cell, one folded Markdown cell each, their text shown as written", () => {
    const source = readFileSync(path.join(fixtures, "export", "input", "with-exercise.mdx"), "utf8");
    const cells = lessonToNotebook(source, "with-exercise.mdx", "with-exercise", fixtureExercises).cells;
    const hints = cells.filter((cell) => (cell.metadata.tags as string[] | undefined)?.includes("descent-hint"));
    expect(hints).toHaveLength(2);
    const check = cells.findIndex((cell) => cell.cell_type === "code" && cell.source.join("").includes("await checkSumSquares"));
    expect(cells.indexOf(hints[0] as (typeof cells)[number])).toBe(check + 1);
    // Rendered as Jupyter renders Markdown, the escapes give back the hint's characters exactly.
    const rendered = marked.parse(hints[1]?.source.join("") ?? "", { async: false });
    expect(rendered).toContain("<summary>Hint 2 of 2</summary>");
    expect(rendered).toContain("<p>For [1, 2, 3] that is 1*1 + 2*2 + 3*3 = 14: use xs.reduce((sum, x) =&gt; sum + x ** 2, 0).</p>");
  });

  test("a lesson with an exercise cannot be exported without its files", () => {
    const source = readFileSync(path.join(fixtures, "export", "input", "with-exercise.mdx"), "utf8");
    expect(() => lessonToNotebook(source, "with-exercise.mdx", "with-exercise")).toThrow(/<Exercise id="sum-squares" \/> cannot be exported/);
  });
});

describe("tslab quirks are handled in the export", () => {
  test("shorthand properties are spelled out, destructuring is left alone", () => {
    expect(expandShorthandProperties("const s = { total, n: 1 };\nconst { a, b = 2 } = s;\nf({ x });")).toBe(
      "const s = { total: total, n: 1 };\nconst { a, b = 2 } = s;\nf({ x: x });",
    );
  });

  test("a notebook has a setup cell that imports the engine, then the lesson's prose and cells", () => {
    const source = readFileSync(path.join(fixtures, "export", "input", "shapes.mdx"), "utf8");
    const notebook = lessonToNotebook(source, "shapes.mdx", "shapes");
    const code = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => cell.source.join(""));
    expect(code[0]).toContain('from "./descent/engine.cjs"');
    expect(code.slice(1)).toHaveLength(2);
    expect(code[2]).toContain("{ total: total, label: ");
    const prose = notebook.cells.filter((cell) => cell.cell_type === "markdown").map((cell) => cell.source.join("")).join("\n");
    expect(prose).toContain("$$\n\\log \\sigma(z) = -\\zeta(-z).\n$$");
    expect(prose).toContain("<Cell> inside a fence is text");
    expect(prose).not.toContain("Authors' note");
  });
});

describe("import", () => {
  const notebookWith = (fields: Record<string, unknown>) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, cells: [], ...fields });

  test("refuses a notebook that is not nbformat 4, and says what to do", () => {
    expect(() => notebookToLesson(notebookWith({ nbformat: 3 }), "old.ipynb", { nextOrder: 1 })).toThrow(
      /^old\.ipynb: is in nbformat 3, but only nbformat 4 can be imported: open it in Jupyter and save it/,
    );
  });

  test("refuses a Python notebook, and one that does not say its language", () => {
    const python = notebookWith({ metadata: { kernelspec: { name: "python3", language: "python" }, language_info: { name: "python" } } });
    expect(() => notebookToLesson(python, "py.ipynb", { nextOrder: 1 })).toThrow(/^py\.ipynb: is a python notebook \(kernel "python3"\).*only TypeScript or JavaScript/);
    expect(() => notebookToLesson(notebookWith({}), "bare.ipynb", { nextOrder: 1 })).toThrow(/only TypeScript or JavaScript/);
    expect(() => notebookToLesson("{ not json", "broken.ipynb", { nextOrder: 1 })).toThrow(/not valid JSON/);
  });

  test("accepts a JavaScript notebook (jslab)", () => {
    const js = notebookWith({ metadata: { kernelspec: { name: "jslab", language: "javascript" } }, cells: [{ cell_type: "code", source: "1 + 1", metadata: {} }] });
    expect(notebookToLesson(js, "Adding Up.ipynb", { nextOrder: 4 })).toMatchObject({ slug: "adding-up" });
  });

  for (const name of ["shapes", "with-exercise"]) {
    test(`an exported lesson imports back to the same lesson (${name})`, () => {
      const source = readFileSync(path.join(fixtures, "export", "input", `${name}.mdx`), "utf8");
      const exported = serializeNotebook(lessonToNotebook(source, `${name}.mdx`, name, fixtureExercises));
      const { slug, mdx } = notebookToLesson(exported, `${name}.ipynb`, { nextOrder: 99 });
      expect(slug).toBe(name);
      expect(notebookContent(mdx, "imported.mdx")).toEqual(notebookContent(source, `${name}.mdx`));
    });
  }

  test("a rewritten cell imports in the lesson's spelling, unless it was edited in Jupyter", () => {
    const source = readFileSync(path.join(fixtures, "export", "input", "shapes.mdx"), "utf8");
    const notebook = lessonToNotebook(source, "shapes.mdx", "shapes");
    const unedited = notebookToLesson(serializeNotebook(notebook), "shapes.ipynb", { nextOrder: 1 }).mdx;
    expect(unedited).toContain("const summary = { total, label:");
    const cell = notebook.cells.find((candidate) => candidate.source.join("").includes("{ total: total"));
    if (!cell) throw new Error("the fixture has no rewritten cell");
    cell.source = ["const summary = { total: total * 2 };"];
    const edited = notebookToLesson(serializeNotebook(notebook), "shapes.ipynb", { nextOrder: 1 }).mdx;
    expect(edited).toContain("const summary = { total: total * 2 };");
    expect(edited).not.toContain("const summary = { total, label:");
  });

  test("does not overwrite an existing lesson without --force", () => {
    const lessons = mkdtempSync(path.join(tmpdir(), "descent-import-"));
    const notebook = path.join(lessons, "foreign.ipynb");
    writeFileSync(notebook, readFileSync(path.join(fixtures, "import", "input", "foreign.ipynb")));
    writeFileSync(path.join(lessons, "foreign.mdx"), "mine");
    expect(() => importNotebook(notebook, { lessonsDir: lessons })).toThrow(/foreign\.mdx already exists: pass --force/);
    expect(readFileSync(path.join(lessons, "foreign.mdx"), "utf8")).toBe("mine");
    importNotebook(notebook, { lessonsDir: lessons, force: true });
    expect(readFileSync(path.join(lessons, "foreign.mdx"), "utf8")).toContain("title: Gradient descent by hand");
    rmSync(lessons, { recursive: true, force: true });
  });
});
