/**
 * Choosing the tensor backend. "WebGL if present" is wrong: without a GPU, WebGL is software-rendered
 * and WASM was 10-40x faster than both it and the CPU backend here. So the kernel starts on the CPU
 * backend (ready in milliseconds), probes what this browser has, times a short trial on each
 * candidate, and moves to the fastest between cell runs. The page caches the choice per browser.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendName, ProbeResult } from "./protocol";

/** A real GPU: WebGL2 that does not admit to a major performance caveat (software rendering). */
export function hasHardwareWebGL(): boolean {
  if (typeof OffscreenCanvas === "undefined") return false;
  try {
    const context = new OffscreenCanvas(1, 1).getContext("webgl2", { failIfMajorPerformanceCaveat: true });
    return context !== null;
  } catch {
    return false;
  }
}

/**
 * Starts a registered backend without making it the active one, and without tfjs noticing: letting
 * tfjs initialise an async backend (WASM) makes it refuse every op until that finishes, which would
 * stall the learner's cells for the whole WASM compile. So the backend's factory runs here, and the
 * ready instance is registered again behind a synchronous factory; switching to it is then instant.
 */
export async function prepareBackend(name: BackendName): Promise<void> {
  // Not tf.findBackend: it would start an async backend itself, the very thing to avoid.
  if (name in tf.engine().registry) return;
  const factory = tf.findBackendFactory(name);
  if (!factory) throw new Error(`no ${name} backend is registered`);
  const instance = await factory();
  tf.removeBackend(name);
  tf.registerBackend(name, () => instance);
}

/** A short workload like the lessons' (a matmul and an element-wise chain); median of three, in ms. */
export async function timeTrial(name: BackendName): Promise<number> {
  const previous = tf.getBackend();
  await tf.setBackend(name);
  try {
    const times: number[] = [];
    const a = tf.randomNormal([128, 128], 0, 1, "float32", 1);
    const b = tf.randomNormal([128, 128], 0, 1, "float32", 2);
    for (let i = 0; i < 4; i++) {
      const start = performance.now();
      const out = tf.tidy(() => tf.matMul(a, b).relu().mul(0.5).add(1).sum());
      await out.data();
      out.dispose();
      if (i > 0) times.push(performance.now() - start); // the first run compiles shaders / warms up
    }
    tf.dispose([a, b]);
    return times.sort((x, y) => x - y)[1] ?? Number.POSITIVE_INFINITY;
  } finally {
    await tf.setBackend(previous);
  }
}

/**
 * Starts each candidate (while cells keep running), then times a trial on each inside `exclusive`
 * (the kernel runs it between cells). Candidates that fail to start are reported, not fatal: the
 * CPU backend always works.
 */
export async function probeBackends(
  candidates: BackendName[],
  exclusive: <T>(task: () => Promise<T>) => Promise<T> = (task) => task(),
): Promise<ProbeResult> {
  const start = performance.now();
  const trials: ProbeResult["trials"] = {};
  const unavailable: ProbeResult["unavailable"] = {};
  const ready: BackendName[] = [];
  for (const name of candidates) {
    try {
      await prepareBackend(name);
      ready.push(name);
    } catch (error) {
      unavailable[name] = error instanceof Error ? error.message : String(error);
    }
  }
  // Trials switch the active backend, so they run between cells; they take milliseconds.
  await exclusive(async () => {
    for (const name of ready) {
      try {
        trials[name] = await timeTrial(name);
      } catch (error) {
        unavailable[name] = error instanceof Error ? error.message : String(error);
      }
    }
  });
  const ranked = Object.entries(trials).sort(([, a], [, b]) => a - b);
  const chosen = (ranked[0]?.[0] as BackendName | undefined) ?? "cpu";
  return { chosen, trials, unavailable, probeMs: Math.round(performance.now() - start) };
}
