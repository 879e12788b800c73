import { chromium } from "playwright";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/browser.mjs";
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();
const t0 = Date.now();
page.on("requestfinished", async (r) => { const s = await r.sizes().catch(() => ({})); console.log(Date.now() - t0, r.resourceType(), r.url().replace("http://127.0.0.1:3998", "").slice(0, 100), s.responseBodySize); });
await page.goto("http://127.0.0.1:3998/lessons/" + (process.env.SLUG ?? "maximum-likelihood"), { waitUntil: "load" });
await page.waitForTimeout(4000);
await browser.close();
