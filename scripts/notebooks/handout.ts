/**
 * What travels with exported notebooks so they run on any Jupyter with tslab, not only inside this
 * project: a package.json whose `npm install` brings what the engine bundle and tslab's type check
 * resolve (tslab itself and tfjs-core's declarations, at the versions the project pins), the kernel
 * registration script, and a README for whoever receives the folder. `zipFolder` packs it all as
 * one archive for an LMS upload.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { ROOT } from "./engine-bundle";

/** What the folder's `npm install` must bring: the engine requires tslab, its types name tfjs-core and tfjs-layers. */
const PINNED = ["tslab", "@tensorflow/tfjs-core", "@tensorflow/tfjs-layers"] as const;
const PACKAGE_NAME = "descent-notebooks";
const README_TITLE = "# Descent notebooks";

export interface HandoutNotebook {
  file: string;
  title: string;
}

/** The commands the README gives for setting up a folder; tests run exactly these. */
export const SETUP_COMMANDS = ["npm install", "npm run kernel"];

function projectPackage(): { version: string; engines: { node: string }; dependencies: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
}

export function handoutPackageJson(): string {
  const project = projectPackage();
  const dependencies = Object.fromEntries(
    PINNED.map((name) => {
      const version = project.dependencies[name];
      if (!version) throw new Error(`package.json: the notebooks need ${name}, which is not a dependency of the project`);
      return [name, version];
    }),
  );
  const pkg = {
    name: PACKAGE_NAME,
    version: project.version,
    private: true,
    description: "Descent's lessons as Jupyter notebooks for the tslab TypeScript kernel (see README.md)",
    engines: project.engines,
    scripts: { kernel: "node descent/register-kernel.mjs" },
    dependencies,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function handoutReadme(notebooks: HandoutNotebook[]): string {
  const project = projectPackage();
  const node = project.engines.node.replace(/^>=\s*(.+)$/, "$1 or newer");
  const list = notebooks.map(({ file, title }) => `| \`${file}\` | ${title.replace(/\|/g, "\\|")} |`).join("\n");
  return `${README_TITLE}

${notebooks.length} lesson(s) of the Descent course as Jupyter notebooks for the
[tslab](https://github.com/yunabe/tslab) TypeScript kernel, for a Jupyter (JupyterLab, Notebook,
JupyterHub, VS Code) on a machine with Node.js ${node}. Everything they load is in this folder:
\`descent/engine.cjs\` (TensorFlow.js on the CPU, charts, progress bars: the course's cell API) and
\`descent/exercises/\` (each exercise's visible tests). Keep the notebooks beside \`descent/\`.

## Set up (once per copy of this folder)

In a terminal, in this folder (on JupyterHub: File > New > Terminal, then \`cd\` here):

\`\`\`sh
${SETUP_COMMANDS.join("\n")}
\`\`\`

- \`npm install\` brings tslab ${project.dependencies.tslab} (the engine hooks into this version's display
  channel) and TensorFlow.js's type declarations, which tslab checks every cell against. npm may warn
  that zeromq's install script did not run: zeromq ships prebuilt binaries for Linux, macOS and
  Windows, so that is fine.
- \`npm run kernel\` registers a Jupyter kernel named \`tslab\`, for your user, that starts this folder's
  tslab on the Node you ran it with (run it again if you move the folder). It does what
  \`npx tslab install\` does, without needing IPython. It uses the first of \`python3\`,
  \`/usr/bin/python3\`, \`python\` that has Jupyter; for another one, add \`-- --python=/path/to/python\`.

## Open the notebooks

Start Jupyter here (\`jupyter lab\`), open a notebook, choose the kernel "TypeScript (tslab)" if
asked, and run the cells from the top. The first code cell loads the engine and prints \`cpu\`; if
something is missing it says what, and the command that fixes it. To run a notebook without a
browser: \`jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tslab <file>.ipynb\`.

Exercises: write your code in the starter cell, then run the check cell below it, which runs the
exercise's visible tests and prints your score. Hints follow, folded: open one at a time. The course
grades hidden tests too, on its server.

| notebook | lesson |
| --- | --- |
${list}
`;
}

/**
 * Refuses a folder whose package.json or README.md belongs to something else (`--out .` in another
 * project must not overwrite its files); an earlier export, and its node_modules, are fine.
 */
export function checkHandoutTarget(outDir: string): void {
  const pkg = path.join(outDir, "package.json");
  if (existsSync(pkg)) {
    let name: unknown;
    try {
      name = (JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name;
    } catch {
      name = undefined;
    }
    if (name !== PACKAGE_NAME) throw new Error(`${pkg} belongs to another package (${JSON.stringify(name)}): export the notebooks into a folder of their own`);
  }
  const readme = path.join(outDir, "README.md");
  if (existsSync(readme) && !readFileSync(readme, "utf8").startsWith(README_TITLE)) {
    throw new Error(`${readme} is not one an export wrote: export the notebooks into a folder of their own`);
  }
}

/** Writes package.json, README.md and descent/register-kernel.mjs into an exported folder. */
export function writeHandout(outDir: string, notebooks: HandoutNotebook[]): void {
  writeFileSync(path.join(outDir, "package.json"), handoutPackageJson());
  writeFileSync(path.join(outDir, "README.md"), handoutReadme(notebooks));
  // The project's own registration script: it registers the tslab of the folder above it.
  copyFileSync(path.join(ROOT, "scripts", "notebooks-kernel.mjs"), path.join(outDir, "descent", "register-kernel.mjs"));
}

/** Every file under `dir`, as an archive whose top folder is `top` (what the recipient unpacks). */
export function zipFolder(dir: string, top: string): Uint8Array {
  const files: Zippable = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.posix.join(top, path.relative(dir, full).split(path.sep).join("/"))] = readFileSync(full);
    }
  };
  walk(dir);
  return zipSync(files, { level: 9 });
}
