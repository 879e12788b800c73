// 1. Cold start: navigation to the first cell's output painted, fresh profile per run, for our
// lesson page (production build), Pyodide running 1+1, and a bare tfjs-cpu worker running 1+1.
import { firstOutputProbe, freshBrowser } from "../lib/browser.mjs";
import { load1 } from "../lib/machine.mjs";
import { ratio, summarize } from "../lib/stats.mjs";

export const LESSON = "/lessons/maximum-likelihood";
/** Where the page caches the kernel's backend probe (engine/backend-names.ts BACKEND_CACHE_KEY). */
export const BACKEND_PROBE_KEY = "descent:backend-probe:v1";

/** What each contender loads, and how we know its first output is on screen. */
function contenders({ nextUrl, staticUrl }) {
  return {
    ours: {
      url: `${nextUrl}${LESSON}`,
      probe: firstOutputProbe({
        selector: 'section[aria-label="Code cell 1"] [role="log"][aria-label="Output"]',
        text: "heads: 8 of 12",
        click: `() => document.querySelector('section[aria-label="Code cell 1"] button[aria-label="Run cell"]')`,
        // The lesson takes Run clicks from its first paint (components/early-runs.ts), as a learner would press it.
        beforeHydration: true,
        // Clicked before the page has created its kernel client, Run answers this and does nothing.
        retryText: "not running yet",
      }),
    },
    pyodide: { url: `${staticUrl}/pyodide.html`, probe: firstOutputProbe({ selector: "#result", text: "result: 2" }) },
    tfjsFloor: { url: `${staticUrl}/floor.html`, probe: firstOutputProbe({ selector: "#result", text: "result: 2" }) },
  };
}

async function once(name, contender, { readProbe = false } = {}) {
  const browser = await freshBrowser();
  try {
    await browser.page.addInitScript(contender.probe);
    await browser.page.goto(contender.url, { waitUntil: "commit" });
    await browser.page.waitForFunction(() => window.__bench?.paintedMs != null, null, { timeout: 90_000, polling: 20 }).catch(async (error) => {
      const marks = await browser.page.evaluate(() => JSON.stringify(window.__bench)).catch(() => "unknown");
      const errors = browser.errors.length ? `; page errors: ${browser.errors.slice(0, 2).join("; ")}` : "";
      throw new Error(`${name}: no first output within 90 s (marks ${marks}${errors}): ${error.message.split("\n")[0]}`);
    });
    const marks = await browser.page.evaluate(() => window.__bench);
    let probe;
    if (readProbe) {
      // The kernel probes backends after it is ready; the page caches the result. Wait for it briefly.
      probe = await browser.page
        .waitForFunction((key) => localStorage.getItem(key), BACKEND_PROBE_KEY, { timeout: 30_000, polling: 100 })
        .then((handle) => handle.jsonValue())
        .then((text) => JSON.parse(text).probe ?? null)
        .catch(() => null);
    }
    if (browser.external.length) throw new Error(`requests left the machine: ${browser.external.slice(0, 3).join(", ")}`);
    if (browser.errors.length) throw new Error(`page errors: ${browser.errors.slice(0, 3).join("; ")}`);
    return { marks, probe };
  } finally {
    await browser.close();
  }
}

/** Rounds run ours, Pyodide and the floor back to back, so load on the machine hits all three alike. */
export async function measureColdStart({ nextUrl, staticUrl, runs, warmup, log }) {
  const all = contenders({ nextUrl, staticUrl });
  const samples = { ours: [], pyodide: [], tfjsFloor: [] };
  const hydrated = [];
  const refusedClicks = [];
  let probe = null;
  const loadBefore = load1();
  for (let round = 0; round < warmup + runs; round++) {
    for (const [name, contender] of Object.entries(all)) {
      const measured = round >= warmup;
      const { marks, probe: seen } = await once(name, contender, { readProbe: name === "ours" && measured && probe === null });
      if (seen) probe = seen;
      if (!measured) continue;
      samples[name].push(marks.paintedMs);
      if (name === "ours" && marks.hydratedMs != null) hydrated.push(marks.hydratedMs);
      if (name === "ours") refusedClicks.push(marks.clicks - 1);
      log(`cold start ${name} round ${round - warmup + 1}/${runs}: ${marks.paintedMs.toFixed(0)} ms`);
    }
  }
  const ours = summarize(samples.ours);
  const pyodide = summarize(samples.pyodide);
  const tfjsFloor = summarize(samples.tfjsFloor);
  return {
    method:
      `navigation start to the next animation frame after the output appears (performance.now() in the page), fresh Chromium profile per run, ${warmup} warm-up round(s) excluded, contenders interleaved per round. ` +
      `ours: ${LESSON} on next start; "Run cell" of Code cell 1 is clicked the moment it is in the DOM (before React has hydrated it: the page queues the click), and again each time the page answers "The kernel is not running yet." (refusedClicks counts those); done when its Output shows "heads: 8 of 12"; hydratedP50Ms is when React had hydrated the button. ` +
      "pyodide: loadPyodide() from the npm package in a worker, then runPython('1+1'). tfjsFloor: tfjs-core + backend-cpu worker (esbuild bundle), tf.add(1, 1).",
    ours: { ...ours, hydratedP50Ms: summarize(hydrated).p50Ms, refusedClicks },
    pyodide,
    tfjsFloor,
    oursOverFloor: ratio(ours.p50Ms, tfjsFloor.p50Ms),
    pyodideOverOurs: ratio(pyodide.p50Ms, ours.p50Ms),
    backendProbe: probe,
    load1: { before: loadBefore, after: load1() },
  };
}
