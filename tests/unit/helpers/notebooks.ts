/**
 * Running exported notebooks headlessly, as a recipient would: set up the folder with the commands
 * its README gives, then execute each notebook with nbconvert on the tslab kernel.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);
export const PYTHON = "/usr/bin/python3";

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
export interface ExecutedCell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[]; descent?: { exercise?: string } };
  outputs?: Output[];
}

export const joined = (text: string | string[] | undefined) => (Array.isArray(text) ? text.join("") : (text ?? ""));

/** What went wrong in an executed notebook, one line per problem, naming the cell. */
export function problemsIn(slug: string, cells: ExecutedCell[]): string[] {
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

/**
 * The environment of a fresh terminal for a recipient: this process's, without the npm_* variables
 * an `npm test` run sets (they would point a nested npm at this project), and with Jupyter's data
 * folder (kernelspecs) of the test's own, so a run neither needs nor changes a developer's kernels.
 */
export function recipientEnv(jupyterDataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_DATA_DIR: jupyterDataDir };
  for (const name of Object.keys(env)) if (name.toLowerCase().startsWith("npm_")) delete env[name];
  return env;
}

/** The commands of the README's "Set up" section: the first ```sh block after that heading. */
export function setupCommands(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Set up"));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block under "## Set up"');
  return block.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
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

export interface Executed {
  slug: string;
  ms: number;
  cells: ExecutedCell[];
  retried: boolean;
}

/** Executes a notebook in its folder with nbconvert on tslab, keeping going after errors. */
export async function executeNotebook(file: string, env: NodeJS.ProcessEnv): Promise<Executed> {
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
  let retried = false;
  try {
    await execute();
  } catch (error) {
    // Jupyter chooses a kernel's ports before the kernel binds them; on a busy machine another
    // process can take one first, and that kernel never answers. Only such a hung run is retried.
    if (!(error as { killed?: boolean }).killed) throw error;
    stopKernelsIn(path.dirname(file));
    retried = true;
    started = performance.now();
    await execute();
  }
  const ms = performance.now() - started;
  const cells = (JSON.parse(readFileSync(executed, "utf8")) as { cells: ExecutedCell[] }).cells;
  return { slug, ms, cells, retried };
}

export async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
