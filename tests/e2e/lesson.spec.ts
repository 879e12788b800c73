import { cell, expect, kernelStatus, LESSON, output, test, typeInto } from "./fixtures";

test("the course index lists the lessons and opens the first one with typeset math", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gradient-based learning");
  await page.getByRole("link", { name: "Cost functions from maximum likelihood" }).click();
  await expect(page).toHaveURL(LESSON);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cost functions from maximum likelihood");
  await expect(page.locator(".katex-display").first()).toBeVisible();
  await expect(cell(page, 1)).toContainText("const flips");
});

test("Run shows console output, then the value, and a later cell uses what an earlier one defined", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  await expect(output(page, 1)).toContainText("0.693147");
  const text = await output(page, 1).innerText();
  expect(text.indexOf("heads")).toBeLessThan(text.indexOf("0.693147"));
  await expect(cell(page, 1)).toContainText("[1]");
  await expect(kernelStatus(page)).toContainText("idle");

  // Cell 2 calls nll(), defined in cell 1, and draws a chart.
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("0.67");
  await expect(output(page, 2).getByRole("figure", { name: "Chart: Negative log-likelihood of the flips" })).toBeVisible();
  await expect(output(page, 2).locator(".main-svg").first()).toBeVisible();
  await expect(cell(page, 2)).toContainText("[2]");
});

test("re-running a cell leaves the lesson below it where it was, in every frame of the run", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("0.693147");
  await expect(cell(page, 1)).toContainText("[1]");
  // Cell 1 prints a line, then gives its value: two messages, the same output as the first run's.
  const frames = await page.evaluate(async () => {
    const region = document.querySelector('section[aria-label="Code cell 1"]')!;
    const below = region.nextElementSibling!;
    const top = () => below.getBoundingClientRect().top + window.scrollY;
    const tops = [top()];
    let done = 0;
    region.querySelector<HTMLButtonElement>('button[aria-label="Run cell"]')!.click();
    await new Promise<void>((resolve) => {
      const frame = () => {
        tops.push(top());
        if (region.textContent?.includes("[2]")) done++;
        if (done > 2) resolve();
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    return tops;
  });
  await expect(output(page, 1)).toContainText("0.693147");
  expect(frames.length).toBeGreaterThan(3);
  expect(new Set(frames), `the next block's top, frame by frame: ${frames.join(", ")}`).toEqual(new Set([frames[0]]));
});

test("a run that answers at once goes from its old output to the new one; a long one shows [*], busy and a cleared output", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  await typeInto(page, 2, "1+1");
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("2");
  await expect(cell(page, 2)).toContainText("[1]");
  await expect(kernelStatus(page)).toContainText("idle");
  // Every change the page makes during ten re-runs, timed from the click.
  const runs = await page.evaluate(async () => {
    const region = document.querySelector('section[aria-label="Code cell 2"]')!;
    const gutter = region.querySelector('[aria-label="Execution count"]')!;
    const log = region.querySelector('[role="log"]')!;
    const status = document.querySelector('[aria-label="Kernel status"]')!;
    const button = region.querySelector<HTMLButtonElement>('button[aria-label="Run cell"]')!;
    const all: { ms: number; views: { ms: number; count: string; output: string; status: string }[] }[] = [];
    for (let i = 0; i < 10; i++) {
      const count = gutter.textContent;
      const views: { ms: number; count: string; output: string; status: string }[] = [];
      const start = performance.now();
      const done = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          const view = { ms: performance.now() - start, count: gutter.textContent ?? "", output: log.textContent ?? "", status: status.textContent ?? "" };
          views.push(view);
          if (view.count !== count && /\[\d+\]/.test(view.count) && view.output.includes("2") && view.status.includes("idle")) {
            observer.disconnect();
            resolve(view.ms);
          }
        });
        for (const node of [region, status]) observer.observe(node, { subtree: true, childList: true, characterData: true });
      });
      button.click();
      all.push({ ms: await done, views });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return all;
  });
  const running = (view: { count: string; output: string; status: string }) => view.count === "[*]" || !view.output.includes("2") || view.status.includes("busy");
  for (const run of runs) {
    const early = run.views.filter((view) => running(view) && view.ms < 50);
    expect(early, `a run shown as running within 50 ms of its click: ${JSON.stringify(run)}`).toEqual([]);
  }
  const quick = runs.filter((run) => run.ms < 50);
  expect(quick.length, `runs that answered within 50 ms (of ${runs.map((run) => Math.round(run.ms)).join(", ")} ms)`).toBeGreaterThan(0);
  for (const run of quick) expect(run.views.filter(running), `a quick run's changes: ${JSON.stringify(run.views)}`).toEqual([]);

  // A run that takes a while shows that it runs: [*], the kernel busy, the previous output gone.
  await typeInto(page, 2, "await new Promise((resolve) => setTimeout(resolve, 1500));\n3");
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(cell(page, 2).getByLabel("Execution count")).toHaveText("[*]");
  await expect(kernelStatus(page)).toContainText("busy");
  await expect(output(page, 2)).toHaveText("");
  await expect(output(page, 2)).toHaveText("3");
  await expect(kernelStatus(page)).toContainText("idle");
  await expect(cell(page, 2).getByLabel("Execution count")).toHaveText("[12]");
});

test("Shift+Enter runs a cell, and an edited cell runs its new code", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("textbox").first().press("Shift+Enter");
  await expect(output(page, 1)).toContainText("heads: 8 of 12");

  await typeInto(page, 1, "const flips = [1, 1, 1, 0];\nconsole.log(`now ${flips.length} flips`);\nflips.length * 10");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("now 4 flips");
  await expect(output(page, 1)).toContainText("40");
  await expect(output(page, 1)).not.toContainText("heads: 8 of 12");
});

test("a runtime error names the line and column in the cell", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(page, 1, "const a = 1;\nconst b = (undefined as any).missing;");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("TypeError");
  await expect(output(page, 1)).toContainText("line 2");
});

test("while (true) {} is interrupted, the page stays responsive, and state survives", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  // The scratch cell is now cell 2.
  await typeInto(page, 2, 'let before = 41;\nconsole.log("spinning");\nwhile (true) {}');
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  // The learner sees the cell has started: it printed, and it spins.
  await expect(output(page, 2)).toContainText("spinning");
  await expect(kernelStatus(page)).toContainText("busy");
  // The page still responds while the kernel spins.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Interrupt" }).click();
  await expect(output(page, 2)).toContainText("Interrupted");
  await expect(kernelStatus(page)).toContainText("idle");

  await typeInto(page, 2, "before + 1");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toContainText("42");
});

test("Interrupt pressed right after Run stops that cell, even before it started, and keeps the kernel", async ({ page }) => {
  await page.goto(LESSON);
  // The first answer sets the backend probe going in the kernel: a run may wait behind it.
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  await typeInto(page, 2, "while (true) {}");
  // Both in one go, as a quick double click would: the kernel gets the interrupt before the run has begun.
  const run = await cell(page, 2).getByRole("button", { name: "Run cell" }).elementHandle();
  const interrupt = await page.getByRole("button", { name: "Interrupt" }).elementHandle();
  await page.evaluate(([r, i]) => {
    (r as HTMLButtonElement).click();
    (i as HTMLButtonElement).click();
  }, [run, interrupt]);
  await expect(output(page, 2)).toContainText("Interrupted");
  await expect(output(page, 2)).not.toContainText("restarted");
  await expect(kernelStatus(page)).toContainText("idle");
  await expect(page.getByText("The kernel was restarted")).toHaveCount(0);

  await typeInto(page, 2, "flips.length");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toContainText("12");
});

test("Restart kernel clears state, and Run all runs every cell in order", async ({ page }) => {
  await page.goto(LESSON);
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(output(page, 3)).toContainText("brute-force optimum: 3.83, mean: 3.83");
  await expect(cell(page, 3)).toContainText("[3]");
  // The lesson has more cells after the third: restart only once Run all has finished them all.
  await expect(page.getByRole("button", { name: "Run all" })).toBeEnabled({ timeout: 60_000 });

  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(kernelStatus(page)).toContainText("idle");
  await expect(page.getByRole("note", { name: "Kernel notice" })).toContainText("The kernel was restarted");
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("ReferenceError");
  await expect(output(page, 2)).toContainText("nll is not defined");
});

test("cells cannot reach the network, the page or the site's storage", async ({ page }) => {
  await page.goto(LESSON);
  const attempts: [string, RegExp][] = [
    ['await fetch("/")', /fetch is not available in Descent cells/],
    ['new XMLHttpRequest()', /XMLHttpRequest is not available/],
    ['new WebSocket("ws://127.0.0.1:1")', /WebSocket is not available/],
    ['importScripts("/engine/kernel.js")', /importScripts is not available/],
    ["indexedDB.open('x')", /indexedDB is not available/],
    ["document.cookie", /document is not defined/],
    ["localStorage.getItem('x')", /localStorage is not defined/],
    ['postMessage({ type: "kernel/ready", backend: "forged" })', /postMessage is not available/],
    ['new Worker("/engine/kernel.js")', /Worker is not available/],
    ['new BroadcastChannel("descent")', /BroadcastChannel is not available/],
    ["caches.keys()", /caches is not available/],
    ["navigator.storage.getDirectory()", /Cannot read properties of undefined/],
    ['await import("/engine/kernel.js")', /Cells cannot import modules/],
    ['await (0, eval)("import(\"/engine/kernel.js\")")', /not available|Refused|Failed|error/i],
  ];
  for (const [code, expected] of attempts) {
    await typeInto(page, 1, code);
    await page.keyboard.press("Shift+Enter");
    await expect(output(page, 1)).toContainText(expected);
  }
  await expect(kernelStatus(page)).toContainText(/idle · (cpu|wasm|webgl)/);
});

test("the editor completes and documents the kernel's API", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(page, 1, "plot.");
  await page.keyboard.press("Control+Space");
  const suggestions = cell(page, 1).locator(".suggest-widget");
  await expect(suggestions).toContainText("line");
  await expect(suggestions).toContainText("scatter");
});

test("edits to a lesson's cell are still there after a reload, and Reset code puts the lesson's code back", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(page, 1, "const edited = 'kept';\nedited");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("kept");
  await page.reload();
  await expect(cell(page, 1)).toContainText("const edited = 'kept';");
  await expect(cell(page, 1).locator("pre.shiki")).toHaveCount(0);
  await cell(page, 1).getByRole("button", { name: "Reset code" }).click();
  await expect(cell(page, 1)).toContainText("const flips");
  // The lesson's code is highlighted again, as the page's HTML had it.
  await expect(cell(page, 1).locator(".cell-static pre.shiki")).toBeVisible();
  await page.reload();
  await expect(cell(page, 1)).toContainText("const flips");
  await expect(cell(page, 1).getByRole("button", { name: "Reset code" })).toHaveCount(0);
});
