/**
 * No answer in the page: everything a lesson page loads (HTML, scripts, RSC payloads, the kernel
 * and what it fetches) is scanned for the reference solutions' code, as a learner reading the
 * page's sources would find it. Check still works, from the answers the page holds as data.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, kernelStatus, test } from "./fixtures";

const ROOT = "content/exercises";

/** Lines of each solution that nothing public repeats (the starter, prompt and visible tests share signatures and names). */
function solutionFingerprints(lesson: string): string[] {
  const found: string[] = [];
  for (const id of readdirSync(join(ROOT, lesson))) {
    const dir = join(ROOT, lesson, id);
    const read = (file: string) => {
      try {
        return readFileSync(join(dir, file), "utf8");
      } catch {
        return "";
      }
    };
    const shown = ["starter.ts", "prompt.mdx", "tests.visible.ts", "exercise.yaml"].map(read).join("\n");
    for (const line of read("solution.ts").split("\n").map((text) => text.trim())) {
      if (line.length >= 24 && !line.startsWith("//") && !line.startsWith("/**") && !line.startsWith("*") && !shown.includes(line)) found.push(line);
    }
  }
  return found;
}

const lessons = readdirSync(ROOT).filter((lesson) => readdirSync(join(ROOT, lesson)).length > 0);

for (const lesson of lessons) {
  test(`the ${lesson} page loads none of its exercises' solution code`, async ({ page }) => {
    const fingerprints = solutionFingerprints(lesson);
    expect(fingerprints.length, "solution lines to look for").toBeGreaterThan(3);
    const bodies: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.status() === 200 && !/\.(wasm|woff2?|png|svg|ico)(\?|$)/.test(response.url())) bodies.push(response.text().catch(() => ""));
    });
    await page.goto(`/lessons/${lesson}`);
    await expect(kernelStatus(page)).toContainText(/idle/, { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const loaded = await Promise.all(bodies);
    expect(loaded.length).toBeGreaterThan(5);
    const everything = [...loaded, await page.content()].join("\n");
    // The page does hold the visible tests and the answers as data (so the scan is looking at the right thing).
    expect(everything).toContain("defineTests");
    const leaks = fingerprints.filter((line) => everything.includes(line));
    expect(leaks, `solution code on the ${lesson} page`).toEqual([]);
  });
}
