// The production build and server, shared with the other users of this checkout: `next build` and
// anything that reads .next/ run under /tmp/descent-next.lock (see tests and RULES), so the bench
// holds that lock while it builds and serves, and times the build without the wait for the lock.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const LOCK = "/tmp/descent-next.lock";

/** Waits for the lock; resolves to {waitedMs, release}. The lock lives as long as the `flock` child. */
export function acquireNextLock() {
  const started = performance.now();
  const child = spawn("flock", [LOCK, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", () =>
      resolve({
        waitedMs: Math.round(performance.now() - started),
        release: () =>
          new Promise((done) => {
            child.once("exit", done);
            child.stdin.end();
          }),
      }),
    );
  });
}

function run(command, args, { cwd, env, log }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (log) process.stdout.write(chunk);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

/** `npm run build` (kernel bundle + editor types + vendor copy + next build), wall time in ms. Hold the lock. */
export async function timedBuild(root, { log = false } = {}) {
  const started = performance.now();
  const { code, output } = await run("npm", ["run", "build"], { cwd: root, env: {}, log });
  const ms = Math.round(performance.now() - started);
  if (code !== 0) throw new Error(`npm run build failed (exit ${code}):\n${output.slice(-4000)}`);
  return ms;
}

/** `npm start`'s server on a port of the bench's own, with a throwaway data folder for the grader; `env` adds to its environment. */
export async function startNext(root, port, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "descent-bench-data-"));
  const child = spawn(process.execPath, [join(root, "server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, DESCENT_DATA_DIR: dataDir, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-10_000)));
  child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-10_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer on ${url} within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // Killed by a signal, a child has no exit code but a signal code: it is gone either way.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
