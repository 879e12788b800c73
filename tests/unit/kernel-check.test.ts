import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startNodeKernel } from "@/engine/node-host";
import { learnerSeed } from "@/engine/grading";
import { checkCellCode, readKernelGrade } from "@/engine/grading/kernel-check";
import { browserCheckBundle, listExercises } from "@/grader/exercises.server";

const exercise = listExercises(undefined, { lesson: "maximum-likelihood" }).find((candidate) => candidate.id === "bernoulli-nll");
if (!exercise) throw new Error("the bernoulli-nll exercise is missing");

/** Check as the page does it: the learner's code as one cell, then the check bundle as another. */
async function check(code: string) {
  const { kernel } = await startNodeKernel();
  const bundle = await browserCheckBundle(exercise!);
  const learner = await kernel.execute({ id: "a", cellName: "exercise", code });
  expect(learner.status).toBe("ok");
  const reply = await kernel.execute({ id: "b", cellName: "check", code: checkCellCode(bundle, learnerSeed("ada@example.org", "bernoulli-nll")) });
  if (reply.status !== "ok") throw new Error(`check cell failed: ${JSON.stringify(reply.error)}`);
  return { grade: readKernelGrade(String(reply.result?.["text/plain"] ?? "")), bundle };
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
});
