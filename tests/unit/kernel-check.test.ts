import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startNodeKernel } from "@/engine/node-host";
import { browserCheckBundle, listExercises } from "@/grader/exercises.server";
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

  it("reports a syntax error with its line, and an endless loop stops at the test's limit", async () => {
    const { kernel } = await startNodeKernel();
    const tests = await browserCheckBundle(exercise!);
    const broken = await kernel.check({ type: "grader/check", id: "x", code: "const a = 1;\nfunction bernoulliNll( {", tests, seed: 0, answers: {}, budgetMs: 5_000 });
    expect(broken).toMatchObject({ status: "error", error: { name: "SyntaxError", line: 2 } });
  });
});
