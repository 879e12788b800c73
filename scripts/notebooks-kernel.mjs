// Registers the tslab kernel with Jupyter, running the project's own tslab (node_modules) on the
// Node that runs this script, so notebooks get the tslab and TypeScript versions the project pins.
// Installs Debian's jupyter-nbconvert and jupyter-client first when Debian's Python lacks them.
// The kernelspec goes to the user's Jupyter data folder ($JUPYTER_DATA_DIR/kernels when set).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PYTHON = "/usr/bin/python3";
export const KERNEL_NAME = "tslab";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function hasJupyter() {
  return spawnSync(PYTHON, ["-c", "import nbconvert, nbclient, jupyter_client"], { stdio: "ignore" }).status === 0;
}

export function ensureJupyter() {
  if (hasJupyter()) return;
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

export function registerKernel() {
  ensureJupyter();
  const spec = {
    argv: [process.execPath, join(root, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
  };
  const dir = mkdtempSync(join(tmpdir(), "tslab-kernelspec-"));
  try {
    writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
    const result = spawnSync(PYTHON, ["-m", "jupyter_client.kernelspecapp", "install", "--user", "--name", KERNEL_NAME, dir], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`jupyter kernelspec install failed:\n${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`notebooks: kernel "${KERNEL_NAME}" registered: ${spec.argv.slice(0, 2).join(" ")}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) registerKernel();
