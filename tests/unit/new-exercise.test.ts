/**
 * `npm run new:exercise`: the folder it writes fails `check:content` at every line still to fill in,
 * naming file and line, and passes once an author has filled them in.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkAllContent } from "@/grader/check-content.server";

const root = mkdtempSync(join(tmpdir(), "descent-new-exercise-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, "maximum-likelihood", "mean-of-a-list");
const edit = (file: string, from: string | RegExp, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${from}`);
  writeFileSync(path, next);
};

describe("npm run new:exercise", () => {
  it("writes every file and prints what to fill in; check:content fails at each such line, then passes once filled in", { timeout: 120_000 }, async () => {
    const printed = execFileSync("npx", ["tsx", "scripts/new-exercise.ts", "--into", root, "maximum-likelihood", "mean-of-a-list"], { encoding: "utf8" });
    expect(printed).toContain("Fill in every line marked TODO(new:exercise):");
    expect(printed).toMatch(/mean-of-a-list\/solution\.ts:3: still to fill in: the reference solution\./);
    expect(printed).toContain('add <Exercise id="mean-of-a-list" /> to content/lessons/maximum-likelihood.mdx');
    // A second run refuses to overwrite the author's work.
    expect(() => execFileSync("npx", ["tsx", "scripts/new-exercise.ts", "--into", root, "maximum-likelihood", "mean-of-a-list"], { encoding: "utf8", stdio: "pipe" })).toThrow(/already exists/);

    const where = async () => (await checkAllContent(root)).problems.map((problem) => problem.message.replace(/^.*mean-of-a-list\//, ""));
    expect(await where()).toEqual([
      "exercise.yaml:3: still to fill in: the title learners see, e.g. The mean of a list",
      "exercise.yaml:6: still to fill in: a first, small hint",
      "exercise.yaml:20: still to fill in: what is wrong in mistakes/first-mistake.ts, for instructors",
      "exercise.yaml:22: still to fill in: text of the message that test gives this mistake",
      "prompt.mdx:2: still to fill in: say what `meanOfAList` takes and returns, and what the tests check.",
      "starter.ts:2: still to fill in: one line on what meanOfAList returns.",
      "solution.ts:3: still to fill in: the reference solution.",
      "tests.visible.ts:9: still to fill in: an input that shows the idea, and a check (expected is the reference's answer to it).",
      "tests.hidden.ts:9: still to fill in: an input the visible tests do not show (an edge case, a large input).",
      "mistakes/first-mistake.ts:4: still to fill in: the mistaken code.",
    ]);

    // The author fills in all but the solution: only the solution is left.
    edit("exercise.yaml", /title: .*/, "title: The mean of a list");
    edit("exercise.yaml", /- ".*a first, small hint"/, '- "Add them up, then divide by how many there are."');
    edit("exercise.yaml", /about: .*/, "about: Returns the sum instead of the mean.");
    edit("exercise.yaml", /feedback: .*/, "feedback: should be 2");
    edit("prompt.mdx", /.*TODO.*\n/, "");
    edit("starter.ts", /\/\*\* .* \*\//, "/** The mean of xs. */");
    edit("tests.visible.ts", /.*TODO.*\n/, "");
    edit("tests.hidden.ts", /.*TODO.*\n/, "");
    edit("mistakes/first-mistake.ts", /.*TODO.*\n {2}return 0;/, "  return xs.reduce((a, b) => a + b, 0);");
    expect(await where()).toEqual(["solution.ts:3: still to fill in: the reference solution."]);

    // With the placeholder left in the solution (it returns the length), the checks run as for any
    // exercise: the tests compare with the solution's answers, so it is the mistake's message that is off.
    edit("solution.ts", /.*TODO.*\n/, "");
    expect(await where()).toEqual([expect.stringMatching(/^mistakes\/first-mistake\.ts:1: fails test "the first test" with ".*should be 3.*", which does not contain the declared feedback "should be 2"$/)]);
    edit("solution.ts", "return xs.length;", "return xs.reduce((a, b) => a + b, 0) / xs.length;");
    expect(await where()).toEqual([]);
  });
});
