/**
 * Every exercise's **Check**, as a learner's page runs it: one `grader/check` message with the code,
 * the visible tests' script and the server's answers. The reference solution must earn
 * full marks there too, and the starter must not: check:content grades in a Node vm, so this is what
 * catches a visible test whose `run` only works unminified, or a solution that clashes with the kernel.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { startNodeKernel } from "@/engine/node-host";
import { listExercises } from "@/course/exercises.server";
import { checkInKernel } from "./check-in-kernel";

const exercises = listExercises();

describe.each(exercises.map((exercise) => [exercise.id, exercise] as const))("exercise %s", (id, exercise) => {
  test("Check gives the reference solution full marks and the starter less", async () => {
    const { kernel } = await startNodeKernel();
    const solution = await checkInKernel(kernel, exercise, readFileSync(exercise.files.solution, "utf8"), "grace@example.org");
    const failed = solution.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.message}`);
    expect(failed, `${id}: the reference solution fails visible tests in the kernel`).toEqual([]);
    expect(solution.score).toBe(solution.maxScore);
    const starter = await checkInKernel(kernel, exercise, readFileSync(exercise.files.starter, "utf8"), "grace@example.org");
    expect(starter.score, `${id}: the starter passes every visible test`).toBeLessThan(starter.maxScore);
  });
});
