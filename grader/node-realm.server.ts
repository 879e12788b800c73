/**
 * A realm in a Node `vm` context, for tooling that runs TRUSTED code (check:content runs the
 * instructor's own solutions and mistakes). `vm` is not a sandbox: learners' submissions are
 * graded in isolated-vm instead (sandbox.server.ts).
 */
import "server-only";
import { createContext, runInContext, Script } from "node:vm";
import { type ProbeOutcome, type Realm, stopMessages } from "@/engine/grading/harness";
import { probeCallScript, probeInstallScript } from "@/engine/grading/probe";
import { compileLearnerCode } from "./learner-code.server";
import { tfRealmScript } from "./tf-script.server";

let tfScript: Script | undefined;

/**
 * Time a call took, as the sandbox measures it (CPU time, not a busy machine's wall clock): the
 * smaller of wall time and this process's CPU time, since other threads (test workers) add CPU time
 * and other processes add wall time, but neither makes the call itself slower.
 */
function spentMs(started: number, cpu: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(cpu);
  return Math.min(performance.now() - started, (used.user + used.system) / 1000);
}

/** Runs `code` (TypeScript) in a fresh context (after `tf`, for a tensor exercise); the realm then probes its globals. */
export function nodeRealm(code: string, options: { tensors?: boolean } = {}): Realm {
  const context = createContext({ console: { log() {}, error() {}, warn() {}, info() {} } });
  if (options.tensors) {
    tfScript ??= new Script(tfRealmScript(), { filename: "tf.js" });
    tfScript.runInContext(context);
  }
  runInContext(probeInstallScript(), context);
  const compiled = compileLearnerCode(code);
  let loadError: string | undefined = compiled.ok ? undefined : compiled.message;
  if (compiled.ok) {
    try {
      runInContext(compiled.js, context, { timeout: 2_000, filename: "submission.ts" });
    } catch (error) {
      loadError = `Your code failed before any test ran: ${String((error as Error)?.message ?? error)}`;
    }
  }
  return {
    async probeAll(probes) {
      return probes.map((probe): ProbeOutcome => {
        if (loadError !== undefined) return { stopped: "crashed", message: loadError, ms: 0 };
        const started = performance.now();
        const cpu = process.cpuUsage();
        try {
          const json = runInContext(probeCallScript(probe.runSource, probe.inputJson), context, { timeout: probe.timeLimitMs }) as string;
          return { json, ms: spentMs(started, cpu) };
        } catch {
          return { stopped: "timeout", message: stopMessages.timeout(probe.timeLimitMs), ms: performance.now() - started };
        }
      });
    },
  };
}
