import type { Page } from "@playwright/test";
import { allClose, caseCell, NUMERIC_CASES, parseCaseOutput } from "../shared/numeric-cases";
import { cell, expect, holdEngineScript, kernelStatus, LESSON, output, test, typeInto } from "./fixtures";

for (const backend of ["webgl", "wasm", "cpu"] as const) {
  test(`the ${backend} backend, pinned, runs in the worker and agrees with float64 references`, async ({ page }) => {
    await page.goto(LESSON);
    await page.getByLabel("Backend").selectOption(backend);
    await expect(kernelStatus(page)).toContainText(`idle · ${backend}`);
    for (const { name, code, reference } of NUMERIC_CASES) {
      await typeInto(page, 1, caseCell(code));
      const count = await cell(page, 1).getByLabel("Execution count").innerText();
      await page.keyboard.press("Shift+Enter");
      // This case's run, not the last one's output (a quick run replaces it with no empty cell between).
      await expect(cell(page, 1).getByLabel("Execution count")).not.toHaveText(count);
      await expect(output(page, 1)).toContainText("RESULT");
      const problem = allClose(parseCaseOutput(await output(page, 1).innerText()), reference());
      expect(problem, `${backend}: ${name}`).toBeUndefined();
    }
  });
}

test("a backend chosen before the page's scripts have run is the one the kernel starts on", async ({ page }) => {
  // Hold the page's JavaScript back, as a slow phone would, and pick a backend in the HTML menu meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(LESSON, { waitUntil: "commit" });
  await page.getByLabel("Backend").selectOption("cpu");
  release();
  await expect(kernelStatus(page)).toContainText("idle · cpu");
  await expect(page.getByLabel("Backend")).toHaveValue("cpu");
  // Taken as a pin, not as the automatic start on cpu that moves on: it is remembered, and kept after a reload.
  expect(await page.evaluate(() => localStorage.getItem("descent:backend-pin"))).toBe("cpu");
  await page.reload();
  await expect(page.getByLabel("Backend")).toHaveValue("cpu");
  await expect(kernelStatus(page)).toContainText("idle · cpu");
});

test("by default the kernel starts at once and moves to the fastest backend it measured", async ({ page }) => {
  await page.goto(LESSON);
  await expect(kernelStatus(page)).toContainText(/idle · (wasm|webgl)/);
  const cached = await page.evaluate(() => JSON.parse(localStorage.getItem("descent:backend-probe:v1") ?? "null"));
  expect(Object.keys(cached.probe.trials)).toEqual(expect.arrayContaining(["wasm", "cpu"]));
  expect(cached.chosen).toBe(cached.probe.chosen);
});

/** Releases tfjs, held back since the page loaded, and runs a tensor cell that needs it. */
async function releaseAndRunTf(page: Page, tfjs: Awaited<ReturnType<typeof holdEngineScript>>) {
  tfjs.release();
  await typeInto(page, 1, "tf.add(tf.scalar(40), 2).dataSync()[0]");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toHaveText("42", { timeout: 30_000 });
}

test("a lesson's first cell answers before TensorFlow.js has loaded; tf loads once, when a cell or the backend probe needs it", async ({ page }) => {
  // engine/tf-runtime.ts: ~400 KB of tfjs the worker loads on first need. Held back here, nothing that
  // needs it can finish; the lesson's first cell, plain TypeScript, does not wait for it.
  const tfjs = await holdEngineScript(page, "kernel-tf.js");
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  expect(tfjs.served(), "cell 1 ran while tfjs was held back").toBe(0);

  await releaseAndRunTf(page, tfjs);
  await expect(kernelStatus(page)).toContainText(/idle · (wasm|webgl)/, { timeout: 30_000 });
  expect(tfjs.served(), "tfjs is loaded once, for the cell and the backend probe together").toBe(1);
});

test("an edited cell without tensors runs while TensorFlow.js is held back: the transpiler does not wait for it", async ({ page }) => {
  // Pinned to the CPU backend, nothing but a cell that touches `tf` needs tfjs; an edited cell is not
  // compiled ahead, so it goes through the in-worker transpiler, which is not built on tfjs.
  await page.addInitScript(() => localStorage.setItem("descent:backend-pin", "cpu"));
  const tfjs = await holdEngineScript(page, "kernel-tf.js");
  await page.goto(LESSON);
  await typeInto(page, 1, "const edited: number = 6 * 7;\nedited");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toHaveText("42", { timeout: 30_000 });
  expect(tfjs.served(), "the edited cell ran while tfjs was held back").toBe(0);

  await releaseAndRunTf(page, tfjs);
  await expect(kernelStatus(page)).toContainText("idle · cpu");
  expect(tfjs.served()).toBe(1);
});

test("a live chart and a progress bar update while a training loop runs", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(
    page,
    1,
    [
      'const chart = plot.live({ title: "training loss" });',
      'const bar = progress(300, { label: "training" });',
      "for (let i = 0; i < 300; i++) {",
      "  const until = Date.now() + 8;",
      "  while (Date.now() < until) {}",
      "  chart.push(1 / (i + 1));",
      "  bar.tick();",
      "}",
    ].join("\n"),
  );
  await page.keyboard.press("Shift+Enter");
  const bar = output(page, 1).getByRole("progressbar", { name: "training" });
  await expect(bar).toBeVisible();
  // Mid-run: some progress, not all, and an ETA.
  await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 10_000 }).toBeGreaterThan(20);
  const midway = Number(await bar.getAttribute("value"));
  expect(midway).toBeLessThan(300);
  await expect(output(page, 1)).toContainText("ETA");
  await expect(output(page, 1).getByRole("figure", { name: "Chart: training loss" })).toBeVisible();
  await expect(output(page, 1)).toContainText("300/300", { timeout: 20_000 });
  await expect(kernelStatus(page)).toContainText("idle");
});

test("tensors show as tables, objects as trees, and Markdown is rendered without scripts", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(
    page,
    1,
    'display(tf.tensor([[1, 2], [3, 4]]));\ndisplay.markdown("**bold** <img src=x onerror=\\"window.hacked = 1\\">");\n({ lr: 0.1, layers: [2, 3] })',
  );
  await page.keyboard.press("Shift+Enter");
  const table = output(page, 1).getByRole("table", { name: "Tensor float32 [2, 2]" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("cell")).toHaveText(["1", "2", "3", "4"]);
  await expect(output(page, 1).locator("strong")).toHaveText("bold");
  await expect(output(page, 1).locator("img[onerror]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await expect(output(page, 1).locator("details summary").first()).toContainText("lr: 0.1");
});

test("a type error is a warning in the editor, and the cell still runs", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(page, 1, 'const n: number = "not a number";\nn.length');
  await expect(cell(page, 1).locator(".squiggly-warning").first()).toBeVisible({ timeout: 20_000 });
  await expect(cell(page, 1).locator(".squiggly-error")).toHaveCount(0);
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("12");
});

test("Restart and run above re-runs the cells above that had run", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  await cell(page, 2).getByRole("button", { name: "Restart and run above" }).click();
  await expect(page.getByRole("note", { name: "Kernel notice" })).toContainText("The kernel was restarted");
  await expect(cell(page, 1)).toContainText("[1]");
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("0.67");
});

test("the kernel's scripts and WebAssembly arrive precompressed, with the kernel's own policy, and are revalidated on the next visit", async ({ page }) => {
  const seen = new Map<string, { status: number; headers: Record<string, string> }>();
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/engine/") || path.startsWith("/_next/static/chunks/")) seen.set(path, { status: response.status(), headers: response.headers() });
  });
  await page.goto(LESSON);
  await page.getByLabel("Backend").selectOption("wasm");
  await expect(kernelStatus(page)).toContainText("idle · wasm");
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");

  const kernel = seen.get("/engine/kernel.js");
  expect(kernel?.status).toBe(200);
  expect(kernel?.headers["content-encoding"]).toBe("br");
  expect(kernel?.headers["content-security-policy"]).toContain("connect-src 'self'");
  expect(kernel?.headers["cross-origin-embedder-policy"]).toBe("require-corp");
  const wasm = [...seen].find(([path]) => path.endsWith(".wasm"));
  expect(wasm?.[1].headers["content-encoding"]).toBe("br");
  expect(wasm?.[1].headers["content-type"]).toBe("application/wasm");
  const chunk = [...seen].find(([path]) => path.startsWith("/_next/static/chunks/") && path.endsWith(".js"));
  expect(chunk?.[1].headers["content-encoding"]).toBe("br");
  expect(chunk?.[1].headers["cache-control"]).toContain("immutable");

  // What the browser decoded is the script as built.
  const sizes = await page.evaluate(() =>
    performance.getEntriesByType("resource").flatMap((entry) => {
      const timing = entry as PerformanceResourceTiming;
      return timing.name.includes("/_next/static/chunks/") ? [{ encoded: timing.encodedBodySize, decoded: timing.decodedBodySize }] : [];
    }),
  );
  expect(sizes.some(({ encoded, decoded }) => encoded > 0 && encoded < decoded)).toBe(true);

  // The next visit asks whether the kernel changed (its name does not) and is told it did not.
  seen.clear();
  await page.reload();
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  expect([200, 304]).toContain(seen.get("/engine/kernel.js")?.status);
  const revalidated = await page.request.get("/engine/kernel.js", { headers: { "accept-encoding": "br", "if-none-match": kernel!.headers.etag! } });
  expect(revalidated.status()).toBe(304);
});

test("an Interrupt stops the cells' timers, not TensorFlow.js's: a WebGL readback still arrives and the kernel keeps running", async ({ page }) => {
  await page.goto(LESSON);
  await page.getByLabel("Backend").selectOption("webgl");
  await expect(kernelStatus(page)).toContainText("idle · webgl");
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  // A readback on WebGL polls its fence with timers of tfjs's own; the cell does not wait for it.
  await typeInto(page, 2, 'let pending = tf.ones([512, 512]).matMul(tf.ones([512, 512])).sum().data();\n"started"');
  const run = await cell(page, 2).getByRole("button", { name: "Run cell" }).elementHandle();
  const interrupt = await page.getByRole("button", { name: "Interrupt" }).elementHandle();
  // Interrupt as soon as the run has answered, while the readback is still on its way.
  await page.evaluate(([r, i]) => {
    const log = document.querySelector('section[aria-label="Code cell 2"] [role="log"]')!;
    new MutationObserver((_, observer) => {
      if (!log.textContent?.includes("started")) return;
      observer.disconnect();
      (i as HTMLButtonElement).click();
    }).observe(log, { subtree: true, childList: true, characterData: true });
    (r as HTMLButtonElement).click();
  }, [run, interrupt]);
  await expect(output(page, 2)).toContainText("started");
  await expect(kernelStatus(page)).toContainText("idle");
  await typeInto(page, 2, "(await pending)[0]");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toContainText(String(512 * 512 * 512));
  await expect(kernelStatus(page)).toContainText("idle · webgl");
});
