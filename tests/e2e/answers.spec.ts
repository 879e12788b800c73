/**
 * No answer in the page: everything a lesson page loads (HTML, scripts, RSC payloads, the kernel
 * and what it fetches) is scanned for the reference solutions' code, as a learner reading the
 * page's sources would find it. Check still works, from the answers the page holds as data.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, kernelStatus, test } from "./fixtures";

const ROOT = "content/exercises";

/**
 * Lines of each solution that nothing public repeats: the starter, prompt and visible tests share
 * signatures and names, and the lesson's own cells (which the page shows, and compiles for the kernel:
 * compiled-cells.json) may share a plain line such as a loop header.
 */
function solutionFingerprints(lesson: string): string[] {
  const found: string[] = [];
  const lessonSource = readFileSync(join("content/lessons", `${lesson}.mdx`), "utf8");
  for (const id of readdirSync(join(ROOT, lesson))) {
    const dir = join(ROOT, lesson, id);
    const read = (file: string) => {
      try {
        return readFileSync(join(dir, file), "utf8");
      } catch {
        return "";
      }
    };
    const shown = [...["starter.ts", "prompt.mdx", "tests.visible.ts", "exercise.yaml"].map(read), lessonSource].join("\n");
    for (const line of read("solution.ts").split("\n").map((text) => text.trim())) {
      // The kernel's instrumentation braces a one-line loop body, so a lesson's `for (…) x;` compiles to `for (…) {`.
      const inLesson = line.endsWith("{") && lessonSource.includes(line.slice(0, -1).trim());
      if (line.length >= 24 && !line.startsWith("//") && !line.startsWith("/**") && !line.startsWith("*") && !shown.includes(line) && !inLesson) found.push(line);
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
