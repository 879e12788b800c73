import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startNodeKernel } from "@/engine/node-host";
import { listExercises } from "@/course/exercises.server";
import { browserCheckBundle } from "@/grader/exercises.server";
import { checkInKernel } from "./check-in-kernel";

const exercise = listExercises(undefined, { lesson: "maximum-likelihood" }).find((candidate) => candidate.id === "bernoulli-nll");
if (!exercise) throw new Error("the bernoulli-nll exercise is missing");

/** Check as the page does it: one `grader/check` message. */
async function check(code: string) {
  const { kernel } = await startNodeKernel();
  return { grade: await checkInKernel(kernel, exercise!, code), bundle: await browserCheckBundle(exercise!) };
}

describe("Check in the kernel", () => {
  it("grades the visible tests of the reference solution as full marks", async () => {
    const { grade } = await check(readFileSync(exercise.files.solution, "utf8"));
    expect(grade?.tests.map((t) => t.name)).toEqual(["a fair coin", "averages over the flips", "leaves the flips as they were", "your own flips"]);
    expect(grade?.score).toBe(7);
    expect(grade?.maxScore).toBe(7);
  });

  it("gives the starter partial marks with messages, and never bundles hidden tests", async () => {
    const { grade, bundle } = await check(readFileSync(exercise.files.starter, "utf8"));
    expect(grade?.score).toBe(1);
    expect(grade?.tests[0]).toEqual({
      name: "a fair coin",
      passed: false,
      points: 2,
      message: "bernoulliNll([1, 0, 1, 0], 0.5) should be 0.6931 (±1e-9), got 0",
    });
    expect(bundle).not.toContain("forty flips of a biased coin");
    expect(bundle).not.toContain("a rare event");
  });

  it("runs the exercise in a scope of its own: the lesson's names are readable, never replaced", async () => {
    const { kernel, scope } = await startNodeKernel();
    const lesson = await kernel.execute({ id: "cell", cellName: "cell-1", code: "function bernoulliNll() { return 'the lesson'; }\nconst flipsSeen = 4;" });
    expect(lesson.status).toBe("ok");
    const code = `${readFileSync(exercise!.files.solution, "utf8")}\nconst used = flipsSeen;`;
    const grade = await checkInKernel(kernel, exercise!, code);
    expect(grade.score).toBe(grade.maxScore);
    expect((scope.bernoulliNll as () => string)()).toBe("the lesson");
    expect(scope.used).toBeUndefined();
  });

  it("stops an endless loop at the test's time limit and runs the next test", async () => {
    const { kernel } = await startNodeKernel();
    const solution = readFileSync(exercise!.files.solution, "utf8").replace("function bernoulliNll", "function honest");
    const code = `${solution}\nfunction bernoulliNll(flips: number[], p: number): number { if (flips.length === 4) { while (true) {} } return honest(flips, p); }`;
    const grade = await checkInKernel(kernel, exercise!, code);
    const fair = grade.tests.find((test) => test.name === "a fair coin");
    expect(fair?.message).toMatch(/^Stopped after \d+ ms: your code took too long/);
    expect(grade.tests.find((test) => test.name === "averages over the flips")?.passed).toBe(true);
    // Cells are not limited: the deadline is only set while a Check's test runs.
    const loop = await kernel.execute({ id: "loop", cellName: "cell-1", code: "let n = 0; const end = Date.now() + 1500; while (Date.now() < end) n++; n > 0" });
    expect(loop.status).toBe("ok");
  });

  it("reports a syntax error with its line", async () => {
    const { kernel } = await startNodeKernel();
    const tests = await browserCheckBundle(exercise!);
    const broken = await kernel.check({ type: "grader/check", id: "x", code: "const a = 1;\nfunction bernoulliNll( {", tests, seed: 0, answers: {}, budgetMs: 5_000 });
    expect(broken).toMatchObject({ status: "error", error: { name: "SyntaxError", line: 2 } });
  });
});
