// Registers the tslab kernel with Jupyter: a kernelspec named "tslab" that starts the tslab in the
// node_modules of the folder above this script, on the Node that runs this script (Jupyter may not
// have that Node on its PATH), so notebooks get the tslab and TypeScript versions that folder pins.
// The same file serves the project (scripts/notebooks-kernel.mjs, `npm run notebooks:kernel`) and
// every exported notebook folder (descent/register-kernel.mjs, `npm run kernel` there).
//   --python=<python>   the Python that runs Jupyter (default: the first of python3, /usr/bin/python3,
//                       python that can import jupyter_client)
//   --install-jupyter   on Debian, install jupyter-nbconvert and jupyter-client first when missing
// The kernelspec goes to the user's Jupyter data folder ($JUPYTER_DATA_DIR/kernels when set).
// It does what `tslab install` does without needing IPython, which Debian's Jupyter packages lack.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Debian's Python, which has the Jupyter packages this project's tests and bench run. */
export const PYTHON = "/usr/bin/python3";
export const KERNEL_NAME = "tslab";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function hasJupyter(python = PYTHON) {
  return spawnSync(python, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0;
}

/** Installs Debian's jupyter-nbconvert and jupyter-client when Debian's Python lacks them. */
export function ensureJupyter() {
  if (spawnSync(PYTHON, ["-c", "import nbconvert, nbclient, jupyter_client"], { stdio: "ignore" }).status === 0) return;
  console.log("notebooks: installing Debian's jupyter-nbconvert and jupyter-client (apt-get)");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => {
    const [command, ...rest] = [...sudo, ...args];
    execFileSync(command, rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "jupyter-nbconvert", "jupyter-client"]);
  if (!hasJupyter()) throw new Error(`${PYTHON} still cannot import nbconvert and jupyter_client after apt-get install`);
}

/** The Python that runs Jupyter: the one asked for, or the first candidate that has jupyter_client. */
function jupyterPython(asked) {
  if (asked) {
    if (!hasJupyter(asked)) throw new Error(`${asked} cannot import jupyter_client: pass --python=<the Python that runs your Jupyter>`);
    return asked;
  }
  const found = ["python3", PYTHON, "python"].find((candidate) => hasJupyter(candidate));
  if (!found) {
    throw new Error("no Python here can import jupyter_client: install Jupyter (`pip install jupyterlab`), or pass --python=<the Python that runs your Jupyter>");
  }
  return found;
}

export function registerKernel({ python } = {}) {
  const tslab = join(root, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) throw new Error(`${join(root, "node_modules")} has no tslab: run \`npm install\` in ${root} first`);
  const spec = {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
  };
  const dir = mkdtempSync(join(tmpdir(), "tslab-kernelspec-"));
  try {
    writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
    const result = spawnSync(jupyterPython(python), ["-m", "jupyter_client.kernelspecapp", "install", "--user", "--name", KERNEL_NAME, dir], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`jupyter kernelspec install failed:\n${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`notebooks: kernel "${KERNEL_NAME}" registered: ${spec.argv.slice(0, 2).join(" ")}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({ options: { python: { type: "string" }, "install-jupyter": { type: "boolean", default: false } } });
    if (values["install-jupyter"]) ensureJupyter();
    registerKernel({ python: values.python ?? (values["install-jupyter"] ? PYTHON : undefined) });
  } catch (error) {
    console.error(`kernel: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
