/**
 * Formulas are drawn exactly as KaTeX draws them. app/globals.css takes `position: relative` off the
 * KaTeX boxes that do not move (they cost every hit test and paint a layer each); this puts KaTeX's own
 * positions back and compares every formula's pixels and box, on the lessons with the most math.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** KaTeX's positions, as katex.min.css has them, winning over ours. */
const KATEX_POSITIONS = ".katex, .katex .base, .katex .vlist, .katex .vlist > span, .katex-display > .katex > .katex-html { position: relative !important; }";

async function shoot(page: Page) {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll(".katex")].map((element) => {
      const box = element.getBoundingClientRect();
      return { x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height };
    }),
  );
  const positioned = await page.evaluate(() => [...document.querySelectorAll(".katex, .katex *")].filter((element) => getComputedStyle(element).position !== "static").length);
  const png = (await page.screenshot({ fullPage: true, animations: "disabled", caret: "hide" })).toString("base64");
  return { boxes, positioned, png };
}

for (const lesson of ["output-units", "optimizers"]) {
  test(`every formula of ${lesson} is drawn to the pixel as KaTeX draws it, with under half its layers`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/lessons/${lesson}`);
    await expect(page.getByRole("status", { name: "Kernel status" })).toContainText("idle", { timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready);
    const ours = await shoot(page);
    await page.addStyleTag({ content: KATEX_POSITIONS });
    const katex = await shoot(page);
    expect(ours.boxes.length).toBeGreaterThan(80);
    expect(ours.positioned, "KaTeX's positioned boxes with ours").toBeLessThan(katex.positioned / 2);
    expect(ours.boxes).toEqual(katex.boxes);
    // Decoded in the page: for each formula, whether any pixel in its box differs.
    const differing = await page.evaluate(
      async ({ a, b, boxes }) => {
        const pixels = async (png: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${png}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext("2d", { willReadFrequently: true })!;
          context.drawImage(image, 0, 0);
          return context;
        };
        const [left, right] = await Promise.all([pixels(a), pixels(b)]);
        return boxes.flatMap((box, index) => {
          const x = Math.floor(box.x), y = Math.floor(box.y), width = Math.ceil(box.x + box.width) - x, height = Math.ceil(box.y + box.height) - y;
          if (width <= 0 || height <= 0) return [];
          const one = left.getImageData(x, y, width, height).data;
          const two = right.getImageData(x, y, width, height).data;
          return one.every((value, i) => value === two[i]) ? [] : [index];
        });
      },
      { a: ours.png, b: katex.png, boxes: ours.boxes },
    );
    expect(differing, "formulas whose pixels differ from KaTeX's").toEqual([]);
  });
}
