/**
 * The tslab an exported notebook runs on. The engine hooks tslab 1.0.22's display channel, so it
 * loads the tslab installed beside the notebooks (the folder's package.json pins it), which is also
 * the one a tslab kernel starts when it finds a local install. When that is missing, the setup cell
 * says what to run instead of failing with Node's bare "Cannot find module".
 */
import path from "node:path";
import type * as TslabPublic from "tslab";
import type * as TslabJupyter from "tslab/dist/jupyter";

export interface Tslab {
  tslab: typeof TslabPublic;
  jupyter: typeof TslabJupyter;
}

export function missingTslabMessage(folder: string): string {
  return [
    `The notebooks' folder (${folder}) has no tslab in node_modules, and the course's engine (descent/engine.cjs) runs on it.`,
    `To fix it, in a terminal: cd "${folder}" && npm install`,
    "then restart the kernel and run this cell again (README.md in that folder lists every step).",
  ].join("\n");
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${name}'`);
}

/** An error that is all message: its stack would only point into the bundle. */
class NotebookSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookSetupError";
    this.stack = `${this.name}: ${message}`;
  }
}

export function loadTslab(): Tslab {
  try {
    // Plain requires, left external by the bundler: resolved from descent/ at run time.
    return { tslab: require("tslab") as typeof TslabPublic, jupyter: require("tslab/dist/jupyter") as typeof TslabJupyter };
  } catch (error) {
    if (isMissing(error, "tslab") || isMissing(error, "tslab/dist/jupyter")) throw new NotebookSetupError(missingTslabMessage(path.dirname(__dirname)));
    throw error;
  }
}
