// 5. Page weight: JS before interaction per route (the <script src> chunks the server's HTML loads,
// gzip), and the lazy JS a lesson pulls in when used: the kernel worker, Monaco and its workers,
// plotly. Bytes are fetched from the running production server and gzipped here (zlib level 6).
import { gzipSync } from "node:zlib";
import { freshBrowser } from "../lib/browser.mjs";
import { LESSON } from "./cold-start.mjs";

const kb = (bytes) => Number((bytes / 1024).toFixed(1));

async function sizeOf(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
}

async function sumSizes(urls) {
  let raw = 0;
  let gzip = 0;
  const files = [];
  const failed = [];
  for (const url of urls) {
    const size = await sizeOf(url).catch((error) => (failed.push(error.message), undefined));
    if (!size) continue;
    raw += size.raw;
    gzip += size.gzip;
    files.push({ path: new URL(url).pathname, gzipKB: kb(size.gzip) });
  }
  files.sort((a, b) => b.gzipKB - a.gzipKB);
  return { files: files.length, rawKB: kb(raw), gzipKB: kb(gzip), largest: files.slice(0, 5), ...(failed.length ? { notCounted: failed } : {}) };
}

/** The script chunks an HTML page loads before anything is interactive, and its inline scripts. */
export async function preInteraction(nextUrl, route) {
  const response = await fetch(`${nextUrl}${route}`);
  if (!response.ok) throw new Error(`GET ${route}: ${response.status}`);
  const html = await response.text();
  const sources = new Set();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    // A nomodule script (Next's polyfills for browsers without ES modules) is never fetched by the browsers we serve.
    if (/\bnomodule\b/i.test(match[0])) continue;
    sources.add(new URL(match[1].replaceAll("&amp;", "&"), nextUrl).href);
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join("");
  const chunks = await sumSizes([...sources]);
  return {
    ...chunks,
    inlineScriptGzipKB: kb(gzipSync(Buffer.from(inline), { level: 6 }).length),
    htmlGzipKB: kb(gzipSync(Buffer.from(html), { level: 6 }).length),
    urls: [...sources],
  };
}

const isJs = (url) => /\.(m?js)(\?|$)/.test(new URL(url).pathname);

/** Loads the lesson, opens the editor, runs the first two cells (the second draws a chart). */
export async function lazyJs(nextUrl, initialUrls) {
  const browser = await freshBrowser();
  const requested = [];
  browser.context.on("request", (request) => requested.push(request.url()));
  try {
    const { page } = browser;
    const cell = (n) => page.getByRole("region", { name: `Code cell ${n}`, exact: true });
    await page.goto(`${nextUrl}${LESSON}`);
    await page.getByRole("status", { name: "Kernel status" }).filter({ hasText: "idle" }).waitFor({ timeout: 60_000 });
    const afterLoad = requested.length;
    await cell(1).getByRole("textbox", { name: "Code of code cell 1" }).click();
    await cell(1).locator(".monaco-editor").waitFor({ state: "visible", timeout: 90_000 });
    await page.waitForTimeout(3_000); // Monaco's TypeScript worker starts after the editor shows
    const afterEditor = requested.length;
    await cell(1).getByRole("button", { name: "Run cell" }).click();
    await cell(1).getByRole("log", { name: "Output" }).filter({ hasText: "heads: 8 of 12" }).waitFor({ timeout: 30_000 });
    await cell(2).getByRole("button", { name: "Run cell" }).click();
    await cell(2).locator(".js-plotly-plot, .main-svg").first().waitFor({ state: "attached", timeout: 90_000 });
    const initial = new Set(initialUrls);
    const unique = (list) => [...new Set(list)].filter((url) => isJs(url) && !initial.has(url) && url.startsWith(nextUrl));
    const atLoad = unique(requested.slice(0, afterLoad));
    const editor = unique(requested.slice(afterLoad, afterEditor)).filter((url) => !atLoad.includes(url));
    const rest = unique(requested.slice(afterEditor)).filter((url) => !atLoad.includes(url) && !editor.includes(url));
    const all = unique(requested);
    const wasm = [...new Set(requested.filter((url) => url.endsWith(".wasm")))];
    return {
      total: await sumSizes(all),
      atLoad: await sumSizes(atLoad),
      editor: await sumSizes(editor),
      chartsAndRest: await sumSizes(rest),
      wasm: await sumSizes(wasm),
    };
  } finally {
    await browser.close();
  }
}

/** `pages`: every other page, [{ name, route }], measured before interaction only (pageWeight.<name>). */
export async function measurePageWeight({ nextUrl, pages = [] }) {
  const index = await preInteraction(nextUrl, "/");
  const lesson = await preInteraction(nextUrl, LESSON);
  const lazy = await lazyJs(nextUrl, lesson.urls);
  delete index.urls;
  delete lesson.urls;
  const others = {};
  for (const { name, route } of pages) {
    const { urls, ...weight } = await preInteraction(nextUrl, route);
    others[name] = { route, preInteraction: weight };
  }
  return {
    method:
      `before interaction: every <script src> in the server's HTML except nomodule ones (module browsers never fetch them), gzip level 6, summed; inline scripts (RSC payload) and HTML reported apart. lazy: JS the lesson requested beyond those, in a session that loads the page (kernel worker), opens the editor (Monaco + workers) and runs cells 1-2 (plotly). "lesson" is ${LESSON}; every lesson is also under its slug.`,
    ...others,
    index: { preInteraction: index },
    lesson: { preInteraction: lesson, lazy },
  };
}
