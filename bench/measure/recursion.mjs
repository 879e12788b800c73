// 4. Plain functions at plain speed: a recursive fib(30) defined and called in a cell of our kernel
// (public/engine/kernel.js over its protocol), against the same function on the page's main thread.
// The time is taken inside each realm (performance.now() around the call), so message latency is
// not counted; runs alternate so drift in machine load is shared. ratio = kernel p50 / page p50.
import { freshBrowser } from "../lib/browser.mjs";
import { load1 } from "../lib/machine.mjs";
import { ratio, summarize } from "../lib/stats.mjs";

const N = 30;
const FIB = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }";
// The arrow form, whose recursive reference is a top-level name of the kernel's scope.
const FIB_ARROW = "const fibArrow = (n) => (n < 2 ? n : fibArrow(n - 1) + fibArrow(n - 2));";
const TIMED = (name) => `(() => { const start = performance.now(); ${name}(${N}); return performance.now() - start; })()`;

export async function measureRecursion({ staticUrl, runs, warmup, log }) {
  const browser = await freshBrowser();
  const loadBefore = load1();
  try {
    const { page } = browser;
    await page.goto(`${staticUrl}/tensor.html`);
    // With the shared interrupt flag, as on a lesson page: what the kernel checks at every call.
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error("the bench page is not cross-origin isolated: no SharedArrayBuffer");
    await page.evaluate(() => window.bench.startOurs("cpu", true));
    await page.evaluate(async (code) => window.bench.run("ours", code), `${FIB}\n${FIB_ARROW}`);
    // The page's copy, defined the same way in a classic script's global scope.
    await page.evaluate((code) => (0, eval)(code), `${FIB}\n${FIB_ARROW.replace("const ", "var ")}`);
    const cell = (code) =>
      page.evaluate(async (source) => {
        const reply = await window.bench.value("ours", source);
        return Number(reply);
      }, code);
    const inPage = (code) => page.evaluate((source) => (0, eval)(source), code);
    const out = {};
    let fresh = 0;
    // "cold": a new function each time, defined and called once, as a learner's cell is run.
    for (const name of ["fib", "fibArrow", "cold"]) {
      const samples = { kernel: [], page: [] };
      for (let i = 0; i < warmup + runs; i++) {
        const order = i % 2 === 0 ? ["kernel", "page"] : ["page", "kernel"];
        for (const where of order) {
          const own = `fibCold${++fresh}`;
          const code = name === "cold" ? `${FIB.replaceAll("fib", own)}\n${TIMED(own)}` : TIMED(name);
          const ms = where === "kernel" ? await cell(code) : await inPage(code);
          if (i >= warmup) samples[where].push(ms);
        }
      }
      const kernel = summarize(samples.kernel);
      const pageSide = summarize(samples.page);
      out[name] = { kernel, page: pageSide, ratio: ratio(kernel.p50Ms, pageSide.p50Ms) };
      log(`recursion ${name}(${N}): kernel ${kernel.p50Ms} ms, page ${pageSide.p50Ms} ms (x${out[name].ratio})`);
    }
    await page.evaluate(() => window.bench.stop());
    if (browser.errors.length) throw new Error(`page errors: ${browser.errors.join("; ")}`);
    return {
      // The key: the worse of the two ways a learner writes the function.
      ratio: Math.max(...["fib", "fibArrow", "cold"].map((name) => out[name].ratio ?? Infinity)),
      ...out,
      load1: { before: loadBefore, after: load1() },
      method: `fib(${N}) defined in a cell and timed inside the cell (kernel, cpu backend, shared interrupt flag as on a lesson page) vs the same source evaluated on the page's main thread and timed there; runs alternate; ratio = worst of (function declaration, arrow in a const, a fresh declaration defined and called once) kernel p50 / page p50.`,
    };
  } finally {
    await browser.close();
  }
}
