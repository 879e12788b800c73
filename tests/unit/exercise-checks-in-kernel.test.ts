/**
 * Every exercise's **Check**, as a learner's page runs it: the code as one cell in the kernel, then
 * the minified check bundle (harness + visible tests) as another. The reference solution must earn
 * full marks there too, and the starter must not: check:content grades in a Node vm, so this is what
 * catches a visible test whose `run` only works unminified, or a solution that clashes with the kernel.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { learnerSeed } from "@/engine/grading";
import { checkCellCode, readKernelGrade } from "@/engine/grading/kernel-check";
import { startNodeKernel } from "@/engine/node-host";
import { browserCheckBundle, listExercises } from "@/grader/exercises.server";

const exercises = listExercises();

async function checkInKernel(code: string, bundle: string, id: string) {
  const { kernel } = await startNodeKernel();
  const learner = await kernel.execute({ id: "code", cellName: "exercise", code });
  expect(learner.status, `${id}: the code did not run as a cell`).toBe("ok");
  const reply = await kernel.execute({ id: "check", cellName: "check", code: checkCellCode(bundle, learnerSeed("grace@example.org", id)) });
  if (reply.status !== "ok") throw new Error(`${id}: the check cell failed: ${JSON.stringify(reply.error)}`);
  const grade = readKernelGrade(String(reply.result?.["text/plain"] ?? ""));
  if (!grade) throw new Error(`${id}: the check cell gave no grade`);
  return grade;
}

describe.each(exercises.map((exercise) => [exercise.id, exercise] as const))("exercise %s", (id, exercise) => {
  test("Check gives the reference solution full marks and the starter less", async () => {
    const bundle = await browserCheckBundle(exercise);
    const solution = await checkInKernel(readFileSync(exercise.files.solution, "utf8"), bundle, id);
    const failed = solution.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.message}`);
    expect(failed, `${id}: the reference solution fails visible tests in the kernel`).toEqual([]);
    expect(solution.score).toBe(solution.maxScore);
    const starter = await checkInKernel(readFileSync(exercise.files.starter, "utf8"), bundle, id);
    expect(starter.score, `${id}: the starter passes every visible test`).toBeLessThan(starter.maxScore);
  });
});
