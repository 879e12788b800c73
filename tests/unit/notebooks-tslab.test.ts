/**
 * Every lesson as a Jupyter notebook on the tslab kernel, where a class would get it: exported to
 * a temporary folder outside the project, set up only with the commands the folder's README gives
 * (`npm install` from the npm registry, then registering its tslab), and each notebook executed
 * headlessly with nbconvert, failing on any error. A second test runs a notebook in a folder that
 * skipped `npm install` and reads what its setup cell says. Debian's Jupyter runner is installed
 * when missing; kernelspecs go to Jupyter data folders of the tests' own.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { exportNotebooks } from "../../scripts/export-notebooks";
import { ROOT } from "../../scripts/notebooks/engine-bundle";
import { PLOTLY_MIME } from "../../engine/mime";
import { notebookContent } from "./lesson-source";
import { notebookToLesson } from "../../scripts/notebooks/notebook-to-lesson";
import { executeNotebook, joined, pool, problemsIn, recipientEnv, run, setupCommands } from "./helpers/notebooks";

const KERNEL_SCRIPT = path.join(ROOT, "scripts", "notebooks-kernel.mjs");

/** The names of the tests in a tests file: `t.test("name", …)`. */
const testNames = (file: string) => [...readFileSync(file, "utf8").matchAll(/\.test\(\s*(["'`])(.+?)\1/g)].map((match) => match[2] ?? "");

/** Every file under `dir` but node_modules, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes("node_modules"));

/** A folder outside the project (and outside any node_modules above it), for one test run. */
function outsideFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  expect(path.relative(ROOT, dir).startsWith("..")).toBe(true);
  return dir;
}

beforeAll(async () => {
  await run(process.execPath, ["--input-type=module", "-e", `import { ensureJupyter } from ${JSON.stringify(KERNEL_SCRIPT)}; ensureJupyter();`]);
}, 10 * 60_000);

test("a folder that skipped npm install: the setup cell says what is missing and the command that fixes it", { timeout: 5 * 60_000 }, async () => {
  const runDir = outsideFolder("descent-missing-");
  // A Jupyter that has a tslab kernel of its own (here: the project's), as a JupyterHub may.
  const env = recipientEnv(path.join(runDir, "jupyter"));
  await run(process.execPath, [KERNEL_SCRIPT], { env });
  const outDir = path.join(runDir, "class");
  const [notebook] = await exportNotebooks(outDir, path.join(__dirname, "../fixtures/notebooks/tslab"));
  expect(existsSync(path.join(outDir, "node_modules"))).toBe(false);

  const { cells } = await executeNotebook(notebook as string, env);
  const code = cells.filter((cell) => cell.cell_type === "code");
  const setup = (code[0]?.outputs ?? []).map((output) => joined(output.text) || `${output.ename}: ${output.evalue}`).join("");
  expect(setup).toContain(`The notebooks' folder (${outDir}) has no tslab in node_modules`);
  expect(setup).toContain(`cd "${outDir}" && npm install`);
  expect(setup).toContain("restart the kernel");
  // The message is the whole error: no stack into the bundle.
  expect(setup).not.toMatch(/^\s+at /m);
  // tslab aborts the cells after a failed one.
  expect(code.slice(1).flatMap((cell) => cell.outputs ?? [])).toEqual([]);
  rmSync(runDir, { recursive: true, force: true });
});

test("every lesson exported outside the project, set up as its README says, runs cleanly on tslab", { timeout: 20 * 60_000 }, async () => {
  const runDir = outsideFolder("descent-class-");
  const env = recipientEnv(path.join(runDir, "jupyter"));
  const outDir = path.join(runDir, "class");
  const exportStarted = performance.now();
  const notebooks = await exportNotebooks(outDir);
  const exportMs = performance.now() - exportStarted;
  expect(notebooks.length).toBeGreaterThan(0);
  // Nothing in the folder points back into the project.
  for (const file of filesUnder(outDir)) expect(readFileSync(path.join(outDir, file), "utf8"), file).not.toContain(ROOT);
  // Import gives the course's lesson back from its exported notebook.
  for (const file of notebooks.slice(0, 1)) {
    const slug = path.basename(file, ".ipynb");
    const imported = notebookToLesson(readFileSync(file, "utf8"), file, { nextOrder: 99 });
    const lesson = path.join(ROOT, "content", "lessons", `${slug}.mdx`);
    expect(imported.slug).toBe(slug);
    expect(notebookContent(imported.mdx, "imported.mdx")).toEqual(notebookContent(readFileSync(lesson, "utf8"), lesson));
  }
  // Fixtures, in a folder inside (they use its node_modules): one needs every tslab rewrite, one
  // shows each kind of output, one throws (so the checks below can fail).
  const fixtureNotebooks = await exportNotebooks(path.join(outDir, "fixtures"), path.join(__dirname, "../fixtures/notebooks/tslab"));

  // Set up exactly as the README says, in a shell in the folder.
  const setupStarted = performance.now();
  const commands = setupCommands(readFileSync(path.join(outDir, "README.md"), "utf8"));
  expect(commands.length).toBeGreaterThan(0);
  for (const command of commands) await run("bash", ["-c", command], { cwd: outDir, env, maxBuffer: 64 * 1024 * 1024 });
  const setupMs = performance.now() - setupStarted;
  // The registered kernel is the folder's own tslab.
  const spec = JSON.parse(readFileSync(path.join(runDir, "jupyter", "kernels", "tslab", "kernel.json"), "utf8")) as { argv: string[] };
  expect(spec.argv[1]).toBe(path.join(outDir, "node_modules", "tslab", "bin", "tslab"));

  const all = await pool([...notebooks, ...fixtureNotebooks], 2, (file) => executeNotebook(file, env));
  const retried = all.filter((result) => result.retried).map((result) => result.slug);
  const results = all.slice(0, notebooks.length);
  const shapes = all.find((result) => result.slug === "shapes");
  const broken = all.find((result) => result.slug === "broken");
  expect(problemsIn("shapes", shapes?.cells ?? [])).toEqual([]);
  const brokenProblems = problemsIn("broken", broken?.cells ?? []);
  expect(brokenProblems).toHaveLength(1);
  expect(brokenProblems[0]).toMatch(/^broken\.ipynb code cell 2 \(const before = 1;\): [\s\S]*Error: boom/);
  const outputs = all.find((result) => result.slug === "outputs");
  expect(problemsIn("outputs", outputs?.cells ?? [])).toEqual([]);
  const shown = (outputs?.cells.filter((cell) => cell.cell_type === "code")[1]?.outputs ?? []).map((output) =>
    Object.fromEntries(Object.entries(output.data ?? {}).map(([mime, value]) => [mime, typeof value === "object" && !Array.isArray(value) ? value : joined(value as string[])])),
  );
  // The progress bar is text, updated in place to its final state before the cell's reply.
  expect(shown[0]).toEqual({ "text/plain": expect.stringMatching(/^steps █{20} 50\/50 \(100%\)/) });
  expect(shown[1]).toEqual({ "text/plain": "Tensor float32 [3]\n[1, 2, 3]" });
  expect(shown[2]).toEqual({ "text/plain": "{ a: 1, b: [ 1, 2 ] }" });
  expect(shown[3]).toEqual({ "text/markdown": "**bold** $x^2$", "text/plain": "**bold** $x^2$" });
  expect(shown[4]).toEqual({ "text/html": "<b>hi</b>", "text/plain": "<HTML output>" });
  // A live chart's last redraw, with all five points.
  expect(shown[5]?.[PLOTLY_MIME]).toMatchObject({ data: [{ x: [0, 1, 2, 3, 4] }] });
  expect(shown[5]?.["text/plain"]).toBe('<Figure "loss" with 1 trace>');
  // A cell's last value: a tensor prints as in the course, not as the object's fields.
  const lastValue = outputs?.cells.filter((cell) => cell.cell_type === "code")[2]?.outputs?.[0];
  expect(joined(lastValue?.text)).toBe("Tensor float32 [2, 2]\n[[1, 2],\n [3, 4]]\n");

  console.log(
    `notebooks: export of ${notebooks.length} lesson(s) ${Math.round(exportMs)} ms; README setup (${commands.join(", ")}) ${(setupMs / 1000).toFixed(1)} s; execution on tslab: ${results
      .map(({ slug, ms, cells }) => `${slug} ${(ms / 1000).toFixed(1)} s (${cells.filter((cell) => cell.cell_type === "code").length} cells)`)
      .join(", ")}${retried.length ? `; retried after a hung kernel: ${retried.join(", ")}` : ""}`,
  );

  expect(results.flatMap(({ slug, cells }) => problemsIn(slug, cells))).toEqual([]);
  // Exercises: the check cell ran the visible tests and printed the score.
  const checks = results.flatMap(({ slug, cells }) =>
    cells
      .filter((cell) => cell.cell_type === "code" && cell.metadata?.tags?.includes("descent-exercise") && /await check/.test(joined(cell.source)))
      .map((cell) => ({ slug, text: (cell.outputs ?? []).map((output) => joined(output.text)).join("") })),
  );
  for (const check of checks) expect(check.text, `${check.slug}: exercise check`).toMatch(/^Visible tests: \d+\/\d+ points$/m);
  // The starters fail with the tests' own messages, not because the tests could not reach tf or the answers.
  for (const check of checks) expect(check.text, `${check.slug}: exercise check`).not.toMatch(/is not defined|expected answer is not on this device|could not be checked/);
  // Hidden tests never leave the server: neither the exercises' bundles nor their cells (prompt,
  // starter, check and its report) declare or report one.
  const exercisesDir = path.join(ROOT, "content", "exercises");
  // Per exercise (its folder's name is its id): the hidden tests' names that its visible tests do not share.
  const hiddenByExercise = new Map(
    (existsSync(exercisesDir) ? readdirSync(exercisesDir, { recursive: true }) : [])
      .map(String)
      .filter((file) => file.endsWith("tests.hidden.ts"))
      .map((file) => {
        const visible = path.join(exercisesDir, path.dirname(file), "tests.visible.ts");
        const shown = new Set(existsSync(visible) ? testNames(visible) : []);
        return [path.basename(path.dirname(file)), testNames(path.join(exercisesDir, file)).filter((name) => !shown.has(name))] as const;
      }),
  );
  const bundles = path.join(outDir, "descent", "exercises");
  const exerciseTexts = [
    ...(existsSync(bundles) ? readdirSync(bundles) : []).map((file) => ({
      id: path.basename(file, ".cjs"),
      where: file,
      text: readFileSync(path.join(bundles, file), "utf8"),
    })),
    ...results.flatMap(({ slug, cells }) =>
      cells
        .filter((cell) => cell.metadata?.tags?.includes("descent-exercise"))
        .map((cell) => ({
          id: String(cell.metadata?.descent?.exercise),
          where: `${slug}.ipynb`,
          text: [joined(cell.source), ...(cell.outputs ?? []).map((output) => joined(output.text))].join("\n"),
        })),
    ),
  ];
  expect(hiddenByExercise.size === 0 || exerciseTexts.length > 0).toBe(true);
  for (const { id, where, text } of exerciseTexts) {
    for (const name of hiddenByExercise.get(id) ?? []) {
      // A test's declaration, or its line in a check's report (a visible message may share words with its name).
      const leaks = [`"${name}"`, `'${name}'`, `\`${name}\``, `✓ ${name} (`, `✗ ${name} (`].filter((form) => text.includes(form));
      expect(leaks, `${where} holds the hidden test "${name}" of ${id}`).toEqual([]);
    }
  }

  for (const { slug, cells } of results) {
    const code = cells.filter((cell) => cell.cell_type === "code");
    // The setup cell loaded the engine and readied tfjs: it prints the backend's name.
    expect(joined(code[0]?.outputs?.[0]?.text), `${slug}: setup cell`).toBe("cpu\n");
    // Every chart the lesson draws comes out as a Plotly bundle with a text fallback.
    const drawing = code.filter((cell) => /\bplot\.(line|scatter|figure)\(/.test(joined(cell.source)));
    for (const cell of drawing) {
      const charts = (cell.outputs ?? []).filter((output) => output.data?.[PLOTLY_MIME] !== undefined);
      expect(charts.length, `${slug}: a cell that plots shows a chart: ${joined(cell.source).split("\n")[0]}`).toBeGreaterThan(0);
      for (const chart of charts) expect(joined(chart.data?.["text/plain"] as string[])).toMatch(/^<Figure/);
    }
  }
  rmSync(runDir, { recursive: true, force: true });
});
