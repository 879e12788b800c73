/**
 * Choosing the tensor backend. "WebGL if present" is wrong: without a GPU, WebGL is software-rendered
 * and WASM was 10-40x faster than both it and the CPU backend here. So the kernel starts on the CPU
 * backend (ready in milliseconds), probes what this browser has, times a short trial on each
 * candidate, and moves to the fastest between cell runs. The page caches the choice per browser.
 */
import * as tf from "@tensorflow/tfjs-core";

export const BACKENDS = ["webgl", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendPreference = BackendName | "auto";

export interface ProbeResult {
  /** The backend the kernel moved to. */
  chosen: BackendName;
  /** Milliseconds per trial on each backend that was tried. */
  trials: Partial<Record<BackendName, number>>;
  /** Backends that could not start here, with the reason. */
  unavailable: Partial<Record<BackendName, string>>;
  /** Wall time of the whole probe. */
  probeMs: number;
}

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === "string" && (BACKENDS as readonly string[]).includes(value);
}

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
 * Initialises a registered backend without making it the active one. While it runs, tfjs refuses
 * every op on every backend, so call it only between cells.
 */
export async function prepareBackend(name: BackendName): Promise<void> {
  if (tf.findBackend(name)) return;
  // initializeBackend is public at run time but typed private; it starts a backend without
  // switching to it, so a running cell keeps its backend while the next one warms up.
  const engine = tf.engine() as unknown as { initializeBackend(name: string): { success: boolean | Promise<boolean> } };
  const ok = await engine.initializeBackend(name).success;
  if (!ok) throw new Error(`the ${name} backend failed to initialise`);
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
 * Starts each candidate and times a trial on it, inside `exclusive` (the kernel runs it between
 * cells). Candidates that fail to start are reported, not fatal: the CPU backend always works.
 */
export async function probeBackends(
  candidates: BackendName[],
  exclusive: <T>(task: () => Promise<T>) => Promise<T> = (task) => task(),
): Promise<ProbeResult> {
  const start = performance.now();
  const trials: ProbeResult["trials"] = {};
  const unavailable: ProbeResult["unavailable"] = {};
  // Everything happens inside `exclusive`: while tfjs initialises a backend, every op on any
  // backend throws "has not yet been initialized", so no cell may run meanwhile.
  await exclusive(async () => {
    for (const name of candidates) {
      try {
        await prepareBackend(name);
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
