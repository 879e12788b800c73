// 3. Tensor throughput per backend: our kernel (public/engine/kernel.js over its protocol) against a
// bare tfjs worker on the same backend, same code, timed on the page from request to reply.
import { freshBrowser } from "../lib/browser.mjs";
import { load1 } from "../lib/machine.mjs";
import { ratio, summarize } from "../lib/stats.mjs";

const INPUTS = [
  ["A256", 'tf.randomNormal([256, 256], 0, 1, "float32", 1)'],
  ["B256", 'tf.randomNormal([256, 256], 0, 1, "float32", 2)'],
  ["A1024", 'tf.randomNormal([1024, 1024], 0, 1, "float32", 3)'],
  ["B1024", 'tf.randomNormal([1024, 1024], 0, 1, "float32", 4)'],
  ["GX", 'tf.randomNormal([256, 16], 0, 1, "float32", 5)'],
  ["GY", 'tf.matMul(GX, tf.randomNormal([16, 1], 0, 1, "float32", 6))'],
];
// Untimed set-up. In the kernel, top-level consts (as a learner writes them: the kernel keeps what its
// scope holds); in the bare worker, globals.
const SETUP = {
  ours: `${INPUTS.map(([name, expr]) => `const ${name} = ${expr};`).join("\n")}\nawait GY.data();`,
  bare: `${INPUTS.map(([name, expr]) => `globalThis.${name} = ${expr};`).join("\n")}\nawait GY.data();`,
};

/** The same source runs in both workers; each leaves no tensors behind. */
export const WORKLOADS = {
  matmul256: "const c = tf.matMul(A256, B256); await c.data(); c.dispose();",
  matmul1024: "const c = tf.matMul(A1024, B1024); await c.data(); c.dispose();",
  // Linear regression by gradient descent, 1,000 steps of a 256x16 least-squares problem.
  gd1000: `let w = tf.zeros([16, 1]);
for (let step = 0; step < 1000; step++) {
  const next = tf.tidy(() => tf.sub(w, tf.mul(tf.matMul(GX, tf.sub(tf.matMul(GX, w), GY), true, false), 0.1 / 256)));
  w.dispose();
  w = next;
}
await w.data();
w.dispose();`,
};

async function measureBackend(page, backend, { runs, warmup, log }) {
  const oursBackend = await page.evaluate((name) => window.bench.startOurs(name), backend);
  const bareBackend = await page.evaluate((name) => window.bench.startBare(name), backend);
  const problems = await page.evaluate(() => window.bench.problems.splice(0));
  if (oursBackend !== backend || bareBackend !== backend) {
    await page.evaluate(() => window.bench.stop());
    return { available: false, reason: `asked for ${backend}, got kernel ${oursBackend} / bare ${bareBackend}${problems.length ? `: ${problems.join("; ")}` : ""}` };
  }
  await page.evaluate((setup) => Promise.all([window.bench.run("ours", setup.ours), window.bench.run("bare", setup.bare)]), SETUP);
  const result = { available: true };
  for (const [name, code] of Object.entries(WORKLOADS)) {
    // matmul 1024 on cpu takes seconds per run: fewer repetitions there keep the bench in budget.
    const reps = name === "matmul1024" && backend !== "wasm" ? Math.max(2, Math.ceil(runs / 3)) : runs;
    const samples = { ours: [], bare: [] };
    for (let i = 0; i < warmup + reps; i++) {
      // Alternate which goes first, so drift in machine load is shared.
      const order = i % 2 === 0 ? ["ours", "bare"] : ["bare", "ours"];
      for (const which of order) {
        const ms = await page.evaluate(({ w, c }) => window.bench.run(w, c), { w: which, c: code });
        if (i >= warmup) samples[which].push(ms);
      }
    }
    const ours = summarize(samples.ours);
    const bare = summarize(samples.bare);
    result[name] = { ours, bare, overhead: ratio(ours.p50Ms, bare.p50Ms) };
    log(`tensor ${backend} ${name}: ours ${ours.p50Ms} ms, bare ${bare.p50Ms} ms (x${result[name].overhead})`);
  }
  await page.evaluate(() => window.bench.stop());
  return result;
}

export async function measureTensors({ staticUrl, backends, runs, warmup, probeRuns, log }) {
  const browser = await freshBrowser();
  const loadBefore = load1();
  try {
    const { page } = browser;
    await page.goto(`${staticUrl}/tensor.html`);
    const out = {};
    for (const backend of backends) {
      try {
        out[backend] = await measureBackend(page, backend, { runs, warmup, log });
      } catch (error) {
        out[backend] = { available: false, reason: error.message.split("\n")[0] };
        await page.evaluate(() => window.bench.stop()).catch(() => {});
      }
    }
    // The kernel's own backend probe, as a first visit runs it (backend "auto", nothing cached).
    const probes = [];
    for (let i = 0; i < probeRuns; i++) probes.push(await page.evaluate(() => window.bench.probe()));
    out.probe = {
      ...summarize(probes.map((probe) => probe.probeMs)),
      chosen: probes.map((probe) => probe.chosen),
      trialsMs: probes.at(-1)?.trials ?? null,
      unavailable: probes.at(-1)?.unavailable ?? null,
    };
    if (browser.external.length) throw new Error(`requests left the machine: ${browser.external.join(", ")}`);
    out.load1 = { before: loadBefore, after: load1() };
    out.method =
      "same code string sent to our kernel (kernel/execute, pinned backend) and to a bare tfjs worker (same backend flags, same wasm files); page-side time from postMessage to reply; runs alternate; overhead = ours p50 / bare p50.";
    return out;
  } finally {
    await browser.close();
  }
}
