import { spawn } from "node:child_process";

/**
 * Runs tests/unit/helpers/grader-process.ts as its own process (as a web server or worker would be)
 * and resolves with its stdout; `onLine` sees each line as it comes and may SIGKILL the process.
 */
export function runGraderProcess(args: string[], options: { env?: NodeJS.ProcessEnv; onLine?: (line: string, kill: () => void) => void } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/unit/helpers/grader-process.ts", ...args], {
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n").slice(0, -1)) options.onLine?.(line, () => child.kill("SIGKILL"));
    });
    child.on("exit", () => resolve(out));
    child.on("error", reject);
  });
}
