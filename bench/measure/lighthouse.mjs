// 6. Lighthouse (mobile preset, simulated throttling: what most web teams judge a page by) on the
// production build: the index and every lesson, one fresh headless Debian Chromium per run, the
// median of several runs per page.
// Keys: lighthouse.<page>.performance (0-100), lighthouse.<page>.tbtMs, and the long tasks, split into
// ours (scripts from our origin, or the page itself) and others.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun, filterToValidRuns } from "lighthouse/core/lib/median-run.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../lib/browser.mjs";
import { load1 } from "../lib/machine.mjs";

/** A task over this long, from our code, misses the goal (issue 14). */
export const LONG_TASK_LIMIT_MS = 200;

const round = (value) => (typeof value === "number" ? Math.round(value) : null);

/** Runs Lighthouse once on `url` in a browser of its own; returns its report (the LHR). */
async function audit(url) {
  const userDataDir = mkdtempSync(join(tmpdir(), "descent-bench-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir,
    // Same flags as the browser tests, headless; chrome-launcher adds its own defaults for automation.
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    await chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** The figures we keep from one report. */
function figuresOf(lhr, origin) {
  const numeric = (id) => round(lhr.audits[id]?.numericValue);
  const tasks = (lhr.audits["long-tasks"]?.details?.items ?? []).map((item) => ({ url: String(item.url), startMs: round(item.startTime), durationMs: round(item.duration) }));
  const ours = (task) => task.url.startsWith(origin);
  const oursTasks = tasks.filter(ours);
  return {
    performance: lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
    tbtMs: numeric("total-blocking-time"),
    fcpMs: numeric("first-contentful-paint"),
    lcpMs: numeric("largest-contentful-paint"),
    speedIndexMs: numeric("speed-index"),
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
    mainThreadMs: numeric("mainthread-work-breakdown"),
    bootupMs: numeric("bootup-time"),
    domNodes: numeric("dom-size"),
    longTasks: {
      count: tasks.length,
      ours: oursTasks.length,
      longestOursMs: oursTasks.length ? Math.max(...oursTasks.map((task) => task.durationMs ?? 0)) : 0,
      overLimitOurs: oursTasks.filter((task) => (task.durationMs ?? 0) > LONG_TASK_LIMIT_MS).length,
      items: tasks.slice(0, 10),
    },
    warnings: lhr.runWarnings ?? [],
  };
}

/**
 * Lighthouse itself sometimes loses the trace of a page load (NO_NAVSTART, NO_FCP): its own advice is
 * to run it again, so such a run is repeated once; any other failure is the page's.
 */
async function auditWithRetry(url, log) {
  try {
    return await audit(url);
  } catch (error) {
    if (!/NO_NAVSTART|NO_FCP|NO_TRACING_STARTED/.test(String(error))) throw error;
    log(`lighthouse: ${String(error).split("\n")[0]}; running it once more`);
    return await audit(url);
  }
}

/**
 * `pages`: [{ name, route }]; `runs` audits of each page, in rounds over the pages (so a slow minute
 * of the machine falls on all of them), and the figures are those of the median run as Lighthouse
 * itself picks it (core/lib/median-run.js: the run nearest the median FCP and time to interactive),
 * the way Lighthouse's docs advise reading a score that varies from run to run. Every run's score and
 * TBT are kept beside it. One page failing is recorded with its reason; the others still run.
 */
export async function measureLighthouse({ nextUrl, pages, log, runs = 1 }) {
  const results = { method: "", version: null, runs };
  const { default: pkg } = await import("lighthouse/package.json", { with: { type: "json" } });
  results.version = pkg.version;
  results.method = `Lighthouse ${pkg.version}, default (mobile) config: Moto G Power emulation, simulated throttling (150 ms RTT, 1.6 Mbps, 4× CPU slowdown), performance category only; ${runs} run${runs === 1 ? "" : "s"} per page on next start (in rounds over the pages), the figures of the median run as Lighthouse's computeMedianRun picks it, a fresh headless Chromium (Debian's) and profile per run. longTasks.ours counts tasks Lighthouse attributes to a script or page of our origin (not "Unattributable" ones); the limit is ${LONG_TASK_LIMIT_MS} ms.`;
  const reports = new Map(pages.map(({ name }) => [name, { lhrs: [], load: [], reason: undefined }]));
  for (let round = 0; round < runs; round++) {
    for (const { name, route } of pages) {
      const page = reports.get(name);
      if (page.reason) continue;
      const loadBefore = load1();
      try {
        const lhr = await auditWithRetry(`${nextUrl}${route}`, log);
        page.lhrs.push(lhr);
        page.load.push({ before: loadBefore, after: load1() });
        const r = figuresOf(lhr, nextUrl);
        log(`lighthouse ${name} (run ${round + 1}/${runs}): performance ${r.performance}, TBT ${r.tbtMs} ms, longest task of ours ${r.longTasks.longestOursMs} ms, ${r.domNodes} DOM nodes (load ${loadBefore})`);
      } catch (error) {
        page.reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        log(`lighthouse ${name}: FAILED ${page.reason}`);
      }
    }
  }
  for (const { name, route } of pages) {
    const { lhrs, load, reason } = reports.get(name);
    if (reason) {
      results[name] = { route, performance: null, tbtMs: null, reason };
      continue;
    }
    const valid = filterToValidRuns(lhrs);
    const median = valid.length ? computeMedianRun(valid) : lhrs[0];
    const all = lhrs.map((lhr) => figuresOf(lhr, nextUrl));
    results[name] = {
      route,
      ...all[lhrs.indexOf(median)],
      medianOf: lhrs.length,
      runs: { performance: all.map((f) => f.performance), tbtMs: all.map((f) => f.tbtMs), lcpMs: all.map((f) => f.lcpMs) },
      load1: { before: load[0]?.before ?? null, after: load.at(-1)?.after ?? null },
    };
  }
  return results;
}
