// Headless Debian Chromium, launched the way the browser tests launch it (playwright.config.ts),
// with a fresh profile for every cold run: no HTTP cache, no localStorage, no compiled code cache.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright";

// The same launch settings as the browser tests.
const launch = JSON.parse(readFileSync(new URL("../../tests/setup/chromium.json", import.meta.url), "utf8"));
export const CHROMIUM = launch.executablePath;
export const CHROMIUM_ARGS = launch.args;

/**
 * Opens a browser on a brand-new profile directory and returns {context, page, external, close}.
 * Requests that leave loopback are refused and counted: a figure that needed the network is void.
 */
export async function freshBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "descent-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const external = [];
  await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/]).*/, (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  const errors = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    context,
    page,
    external,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * An init script that records, in page time (ms since navigation start), when `selector`'s text first
 * contains `text`, and the next animation frame after that (the output painted). Optionally it clicks
 * `click` (a function source returning an element or null): the moment it is in the DOM when
 * `beforeHydration` is set (the page takes Run clicks before React has hydrated), else the moment React
 * has hydrated it; it clicks again whenever the output shows `retryText` (a click the page refused, e.g.
 * too early). `hydratedMs` is when React had hydrated the element, either way.
 */
export function firstOutputProbe({ selector, text, click, retryText, beforeHydration = false }) {
  return `(() => {
    const bench = (window.__bench = { hydratedMs: null, clickedMs: null, lastClickMs: null, clicks: 0, outputMs: null, paintedMs: null });
    const find = ${click ?? "() => null"};
    const output = () => (document.querySelector(${JSON.stringify(selector)})?.textContent || "");
    const check = () => {
      if (bench.outputMs !== null) return;
      if (output().includes(${JSON.stringify(text)})) {
        bench.outputMs = performance.now();
        requestAnimationFrame(() => { bench.paintedMs = performance.now(); });
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    if (${click ? "true" : "false"}) {
      const press = (button) => {
        button.click();
        bench.clicks++;
        bench.lastClickMs = performance.now();
      };
      const timer = setInterval(() => {
        if (bench.outputMs !== null) return clearInterval(timer);
        const button = document.body && find();
        if (!button) return;
        const hydrated = Object.keys(button).some((key) => key.startsWith("__reactProps$"));
        if (hydrated && bench.hydratedMs === null) bench.hydratedMs = performance.now();
        // Without beforeHydration, a click before React attaches its handlers would do nothing.
        if (!hydrated && !${beforeHydration ? "true" : "false"}) return;
        if (bench.clickedMs === null) {
          press(button);
          bench.clickedMs = bench.lastClickMs;
          return;
        }
        const retry = ${JSON.stringify(retryText ?? null)};
        if (retry && output().includes(retry) && performance.now() - bench.lastClickMs > 20) press(button);
      }, 5);
    }
  })();`;
}
