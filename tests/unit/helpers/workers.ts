/** Grader worker processes (`npm run grader`) for the Postgres tests: start, wait, kill, stop. */
import { type ChildProcess, spawn } from "node:child_process";

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `scripts/grader.ts` (what `npm run grader` runs) with the given database; `wrap` prefixes
 * the command (`["ip", "netns", "exec", ns]` to run it on another "host"). Resolves once it grades.
 */
export async function startWorker(databaseUrl: string, options: { env?: Record<string, string>; wrap?: string[]; readyWithinMs?: number } = {}): Promise<WorkerProcess> {
  const command = [...(options.wrap ?? []), process.execPath, "--import", "tsx", "scripts/grader.ts"];
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, DESCENT_DATABASE_URL: databaseUrl, DESCENT_GRADER_PROCESSES: "1", DESCENT_GRADER_EXPIRE_SECONDS: "3", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  while (!/grading with \d+ sandbox processes/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the grader worker did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, pid: child.pid!, output: () => output, exited };
}

/** Polls `probe` until it returns something truthy, at most `ms`; throws with `what` otherwise. */
export async function waitUntil<T>(what: string, ms: number, probe: () => Promise<T | undefined | false | null>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
