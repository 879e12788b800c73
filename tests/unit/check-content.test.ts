import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkAllContent } from "@/grader/check-content.server";

const REAL = join(process.cwd(), "content", "exercises");
const temps: string[] = [];

/**
 * A copy of one real exercise, bernoulli-nll, with one of its files changed. Only that exercise is
 * copied: checking the whole course on every case would make the test as slow as the course is long.
 */
function brokenCopy(file: string, change: (text: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), "descent-exercises-"));
  temps.push(root);
  cpSync(join(REAL, "maximum-likelihood", "bernoulli-nll"), join(root, "maximum-likelihood", "bernoulli-nll"), { recursive: true });
  const path = join(root, "maximum-likelihood", "bernoulli-nll", file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
  return root;
}

const messages = async (root: string) => (await checkAllContent(root)).problems.map((problem) => problem.message);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm run check:content", () => {
  it("accepts the course's exercises", { timeout: 180_000 }, async () => {
    const { checked, problems } = await checkAllContent();
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(1);
  });

  it("rejects invalid metadata, naming the file and line", async () => {
    const root = brokenCopy("exercise.yaml", (text) => text.replace("seeded: true", "seeded: yes please"));
    expect(await messages(root)).toEqual([
      expect.stringMatching(/^.*bernoulli-nll\/exercise\.yaml:10: seeded Invalid input: expected boolean, received string$/),
    ]);
    const noDue = brokenCopy("exercise.yaml", (text) => text.replace(/^due: .*$/m, ""));
    expect((await messages(noDue))[0]).toMatch(/exercise\.yaml:\d+: due revealHidden: after-due needs a due date/);
  });

  it("rejects a reference solution that fails a test", async () => {
    const root = brokenCopy("solution.ts", (text) => text.replace("return -total / flips.length;", "return -total / (flips.length + 1);"));
    const found = await messages(root);
    expect(found[0]).toMatch(/bernoulli-nll\/solution\.ts:1: the reference solution fails test "a fair coin" \(seed 1\): bernoulliNll\(\[1, 0, 1, 0\], 0\.5\) should be 0\.6931/);
  });

  it("rejects a starter that already passes", async () => {
    const solution = readFileSync(join(REAL, "maximum-likelihood", "bernoulli-nll", "solution.ts"), "utf8");
    const root = brokenCopy("starter.ts", () => solution);
    expect(await messages(root)).toEqual([expect.stringMatching(/starter\.ts:1: passes every test/)]);
  });

  it("rejects a mistake that does not fail the test it names, or earns other feedback", async () => {
    const renamed = brokenCopy("exercise.yaml", (text) => text.replace("fails: a fair coin", "fails: averages over the flips"));
    expect((await messages(renamed))[0]).toMatch(/forgets-the-minus-sign\.ts:1: passes test "averages over the flips"|forgets-the-minus-sign\.ts:1: fails test "averages over the flips" with/);
    const feedback = brokenCopy("exercise.yaml", (text) => text.replace("feedback: must not change its input", "feedback: sorting is slow"));
    expect(await messages(feedback)).toEqual([
      expect.stringMatching(/sorts-the-flips\.ts:1: fails test "leaves the flips as they were" with ".*must not change its input.*", which does not contain the declared feedback "sorting is slow"/),
    ]);
    const unknown = brokenCopy("exercise.yaml", (text) => text.replace("fails: a fair coin", "fails: no such test"));
    expect(await messages(unknown)).toEqual([expect.stringMatching(/exercise\.yaml:19: mistake forgets-the-minus-sign\.ts names test "no such test", which does not exist/)]);
  });

  it("reports a syntax error in a tests file with its line", async () => {
    const root = brokenCopy("tests.visible.ts", (text) => text.replace('t.test("a fair coin", {', 't.test("a fair coin", {{'));
    expect((await messages(root))[0]).toMatch(/tests\.visible\.ts:\d+: /);
  });
});
