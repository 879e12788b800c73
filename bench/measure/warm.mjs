// 2. Warm cell round trip: Run to output painted for `1+1`, in our lesson page, and the same cell
// executed on a tslab kernel through jupyter_client (request sent to execute_result received).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { freshBrowser } from "../lib/browser.mjs";
import { load1 } from "../lib/machine.mjs";
import { missing, summarize } from "../lib/stats.mjs";
import { prepareTslab } from "../lib/tslab.mjs";
import { BACKEND_PROBE_KEY, LESSON } from "./cold-start.mjs";

const TRIVIAL = "1+1";
/** How long the page is left alone after the cell is typed, before the timed runs. */
const SETTLE_MS = 3_000;

export async function measureWarmOurs({ nextUrl, runs, warmup }) {
  const browser = await freshBrowser();
  const loadBefore = load1();
  try {
    const { page } = browser;
    await page.goto(`${nextUrl}${LESSON}`);
    const cell = (n) => page.getByRole("region", { name: `Code cell ${n}`, exact: true });
    await page.getByRole("status", { name: "Kernel status" }).filter({ hasText: "idle" }).waitFor({ timeout: 60_000 });
    // Warm: the kernel has also chosen its backend (the probe runs in the worker after its first answer).
    const probeSettled = await page
      .waitForFunction((key) => localStorage.getItem(key) !== null, BACKEND_PROBE_KEY, { timeout: 30_000, polling: 100 })
      .then(() => true, () => false);
    await cell(1).getByRole("button", { name: "+ Add cell below" }).click();
    // Type the cell the way a learner does: the first click loads the editor.
    await cell(2).getByRole("textbox", { name: "Code of code cell 2" }).click();
    const editor = cell(2).locator(".monaco-editor");
    await editor.waitFor({ state: "visible", timeout: 90_000 });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(TRIVIAL);
    // As a learner reads what they typed: the editor's TypeScript service loads its declarations in a
    // worker of its own for a few seconds after the editor opens, and on 2 cores that worker, the
    // kernel's and the page's share the CPU. Warm means after that, as tslab's figure is after its start.
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(installOutputWatch);
    // Runs are timed inside the page: click() to the first animation frame after the new count and
    // the value are in the DOM, so no automation latency is counted.
    const samples = await page.evaluate(
      async ({ total, expected }) => {
        const region = document.querySelector('section[aria-label="Code cell 2"]');
        const button = region.querySelector('button[aria-label="Run cell"]');
        const times = [];
        const dom = [];
        for (let i = 0; i < total; i++) {
          const start = performance.now();
          const shown = window.__benchWhenShown(region, expected, `run ${i}`);
          button.click();
          dom.push((await shown) - start);
          await new Promise((resolve) => requestAnimationFrame(() => resolve()));
          times.push(performance.now() - start);
        }
        return { times, dom };
      },
      { total: warmup + runs, expected: "2" },
    );
    const trusted = await trustedClicks(page, { total: warmup + Math.ceil(runs / 2) });
    if (browser.errors.length) throw new Error(`page errors: ${browser.errors.join("; ")}`);
    return {
      ...summarize(samples.times.slice(warmup), { percentiles: [95] }),
      // The same runs clicked as a learner clicks: real mouse input (press, hold, release) through the
      // browser's input pipeline, timed from the release event's timestamp. It adds what a synthetic
      // click() skips: the hit tests and pointer events of the press and the release.
      trustedClick: {
        domUpdated: summarize(trusted.dom.slice(warmup), { percentiles: [95] }),
        painted: summarize(trusted.painted.slice(warmup), { percentiles: [95] }),
        warmupRuns: warmup,
      },
      // Until the DOM holds the output, without the wait for the next frame: the fairer match for
      // tslab's figure, which ends when the output message arrives and paints nothing.
      domUpdated: summarize(samples.dom.slice(warmup), { percentiles: [95] }),
      warmupRuns: warmup,
      probeSettled,
      load1: { before: loadBefore, after: load1() },
    };
  } finally {
    await browser.close();
  }
}

/**
 * Defines `window.__benchWhenShown(region, expected, label)` in the page: a promise of the time at which
 * the cell `region` shows a new execution count `[n]` and an output holding `expected` (both runs above
 * use it, so they end at the same moment). Call it before the click: it reads the count as it was.
 */
function installOutputWatch() {
  window.__benchWhenShown = (region, expected, label) => {
    const gutter = region.querySelector('[aria-label="Execution count"]');
    const before = gutter.textContent;
    return new Promise((resolve, reject) => {
      const observer = new MutationObserver(() => {
        const count = gutter.textContent;
        const log = region.querySelector('[role="log"]');
        if (count !== before && /\[\d+\]/.test(count) && log && !log.hidden && log.textContent.includes(expected)) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now());
        }
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${label}: no output within 10 s`));
      }, 10_000);
      observer.observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  };
}

/** How long a human press lasts, roughly: the press and the release are separate input events. */
const PRESS_MS = 60;

/**
 * Runs cell 2 `total` times by real mouse clicks on its Run button, a learner's pace apart; returns,
 * per run, the ms from the click event's timestamp until the DOM holds the output and until the next frame.
 */
async function trustedClicks(page, { total }) {
  const button = page.getByRole("region", { name: "Code cell 2", exact: true }).getByRole("button", { name: "Run cell" });
  const box = await button.boundingBox();
  if (!box) throw new Error("cell 2's Run button is not on screen");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate((expected) => {
    const region = document.querySelector('section[aria-label="Code cell 2"]');
    window.__benchTrusted = [];
    region.addEventListener(
      "click",
      (event) => {
        if (!event.isTrusted || !event.target.closest('button[aria-label="Run cell"]')) return;
        const row = {};
        window.__benchTrusted.push(row);
        void window.__benchWhenShown(region, expected, `click ${window.__benchTrusted.length}`).then((at) => {
          row.dom = at - event.timeStamp;
          requestAnimationFrame(() => (row.painted = performance.now() - event.timeStamp));
        });
      },
      { capture: true },
    );
  }, "2");
  for (let i = 0; i < total; i++) {
    await page.mouse.down();
    await page.waitForTimeout(PRESS_MS);
    await page.mouse.up();
    await page.waitForFunction((n) => window.__benchTrusted.length === n && window.__benchTrusted[n - 1].painted !== undefined, i + 1, { timeout: 10_000, polling: 20 });
    await page.waitForTimeout(100 + Math.random() * 100);
  }
  const rows = await page.evaluate(() => window.__benchTrusted);
  return { dom: rows.map((row) => row.dom), painted: rows.map((row) => row.painted) };
}

/** Runs bench/tslab_roundtrip.py with Debian's Python; null with the reason when tslab cannot run. */
export async function measureWarmTslab({ root, runs, warmup }) {
  const unavailable = await prepareTslab(root);
  if (unavailable) return missing(unavailable);
  const { PYTHON } = await import(join(root, "scripts", "notebooks-kernel.mjs"));
  const loadBefore = load1();
  const result = await new Promise((resolve) => {
    const child = spawn(PYTHON, [join(root, "bench", "tslab_roundtrip.py"), String(runs), String(warmup), TRIVIAL], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
  if (result.code !== 0) return missing(`tslab round trip failed (exit ${result.code}): ${result.stderr.slice(-600)}`);
  const parsed = JSON.parse(result.stdout);
  return {
    ...summarize(parsed.samplesMs, { percentiles: [95] }),
    warmupRuns: warmup,
    kernelStartMs: Math.round(parsed.kernelStartMs),
    load1: { before: loadBefore, after: load1() },
  };
}
