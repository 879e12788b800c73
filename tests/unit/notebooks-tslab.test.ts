/**
 * Every lesson as a Jupyter notebook on the tslab kernel: installs Debian's Jupyter runner when
 * missing, registers the kernel, exports every lesson, executes each notebook headlessly with
 * nbconvert and fails on any error. Kernelspecs go to a Jupyter data folder of the test's own, so
 * the run neither needs nor changes a developer's registration.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { exportNotebooks } from "../../scripts/export-notebooks";
import { ROOT } from "../../scripts/notebooks/engine-bundle";
import { PLOTLY_MIME } from "../../engine/mime";
import { parseLessonSource } from "../../scripts/notebooks/lesson-source";
import { notebookToLesson } from "../../scripts/notebooks/notebook-to-lesson";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface ExecutedCell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[]; descent?: { exercise?: string } };
  outputs?: Output[];
}

/** The names of the tests in a tests file: `t.test("name", …)`. */
const testNames = (file: string) => [...readFileSync(file, "utf8").matchAll(/\.test\(\s*(["'`])(.+?)\1/g)].map((match) => match[2] ?? "");

const joined = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));

/** What went wrong in an executed notebook, one line per problem, naming the cell. */
function problemsIn(slug: string, cells: ExecutedCell[]): string[] {
  const problems: string[] = [];
  cells
    .filter((cell) => cell.cell_type === "code")
    .forEach((cell, index) => {
      const where = `${slug}.ipynb code cell ${index + 1} (${joined(cell.source).split("\n")[0]})`;
      for (const output of cell.outputs ?? []) {
        // tslab reports a cell's compile and runtime errors on stderr, then aborts the cells after it.
        if (output.output_type === "error") problems.push(`${where}: ${output.ename}: ${output.evalue}`);
        if (output.output_type === "stream" && output.name === "stderr") problems.push(`${where}: ${joined(output.text).trim()}`);
      }
    });
  return problems;
}

/** Stops the tslab kernels a timed-out run left behind: they run in the notebooks' folder. */
function stopKernelsIn(dir: string) {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cwd.startsWith(dir) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("tslab")) process.kill(Number(pid), "SIGKILL");
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
}

/** The longest one notebook may take; a run past it is stopped and tried once more. */
const NOTEBOOK_TIMEOUT_MS = 240_000;

async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

test("every lesson exports to a notebook that runs cleanly on the tslab kernel", { timeout: 20 * 60_000 }, async () => {
  // A folder per run, inside the project (tslab loads modules from its node_modules): test runs in
  // the same checkout must not share one. It is removed when the test passes.
  mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  const runDir = mkdtempSync(path.join(ROOT, ".cache", "notebooks-test-"));
  const env = { ...process.env, JUPYTER_DATA_DIR: path.join(runDir, "jupyter") };
  await run(process.execPath, [path.join(ROOT, "scripts", "notebooks-kernel.mjs")], { env });

  const outDir = path.join(runDir, "notebooks");
  const exportStarted = performance.now();
  const notebooks = await exportNotebooks(outDir);
  const exportMs = performance.now() - exportStarted;
  expect(notebooks.length).toBeGreaterThan(0);
  // Import gives the course's lesson back from its exported notebook.
  for (const file of notebooks.slice(0, 1)) {
    const slug = path.basename(file, ".ipynb");
    const imported = notebookToLesson(readFileSync(file, "utf8"), file, { nextOrder: 99 });
    const lesson = path.join(ROOT, "content", "lessons", `${slug}.mdx`);
    expect(imported.slug).toBe(slug);
    expect(parseLessonSource(imported.mdx, "imported.mdx")).toEqual(parseLessonSource(readFileSync(lesson, "utf8"), lesson));
  }
  // Fixtures: one needs every tslab rewrite, one shows each kind of output, one throws (so the
  // checks below can fail).
  const fixtureNotebooks = await exportNotebooks(path.join(outDir, "fixtures"), path.join(__dirname, "../fixtures/notebooks/tslab"));

  const retried: string[] = [];
  const all = await pool([...notebooks, ...fixtureNotebooks], 2, async (file) => {
    const slug = path.basename(file, ".ipynb");
    const executed = file.replace(/\.ipynb$/, ".executed.ipynb");
    const execute = () =>
      run(
        PYTHON,
        ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=tslab",
          "--ExecutePreprocessor.timeout=120", "--output", executed, file],
        { cwd: path.dirname(file), env, maxBuffer: 64 * 1024 * 1024, timeout: NOTEBOOK_TIMEOUT_MS },
      );
    let started = performance.now();
    try {
      await execute();
    } catch (error) {
      // Jupyter chooses a kernel's ports before the kernel binds them; on a busy machine another
      // process can take one first, and that kernel never answers. Only such a hung run is retried.
      if (!(error as { killed?: boolean }).killed) throw error;
      stopKernelsIn(path.dirname(file));
      retried.push(slug);
      started = performance.now();
      await execute();
    }
    const ms = performance.now() - started;
    const cells = (JSON.parse(readFileSync(executed, "utf8")) as { cells: ExecutedCell[] }).cells;
    return { slug, ms, cells };
  });

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
    `notebooks: export of ${notebooks.length} lesson(s) ${Math.round(exportMs)} ms; execution on tslab: ${results
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
