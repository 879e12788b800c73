/** **Check** as a learner's page sends it: `grader/check` with the visible tests' script and the server's answers for the learner's seed. */
import type { Kernel } from "@/engine/kernel";
import type { Grade } from "@/engine/protocol";
import type { Exercise } from "@/course/exercises.server";
import { browserCheckBundle, visibleAnswers } from "@/grader/exercises.server";

export async function checkInKernel(kernel: Kernel, exercise: Exercise, code: string, learner = "ada@example.org"): Promise<Grade> {
  const [tests, { seed, answers }] = await Promise.all([browserCheckBundle(exercise), visibleAnswers(exercise, learner)]);
  const reply = await kernel.check({ type: "grader/check", id: `check-${exercise.id}`, code, tests, seed, answers, budgetMs: exercise.meta.timeBudgetMs });
  if (reply.status !== "graded") throw new Error(`${exercise.id}: Check could not grade the code: ${reply.error.name}: ${reply.error.message}`);
  return reply.grade;
}
