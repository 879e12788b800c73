/**
 * An exercise's visible tests in a Jupyter notebook (tslab): grades the learner's functions with the
 * same harness as **Check** in the browser, against the reference's answers exported as data (the
 * solution's code is never exported), and prints the result. It never throws, because tslab
 * aborts every later cell after an error, and starter code is meant to fail.
 */
import { grade, type Grade, type TestFile } from "./grading";
import type { ExpectedAnswers } from "./grading/harness";
import { localRealm } from "./grading/local-realm";

export function formatGrade(result: Grade): string {
  const lines = result.tests.map((test) =>
    test.passed ? `✓ ${test.name} (${test.points}/${test.points})` : `✗ ${test.name} (0/${test.points}): ${test.message}`,
  );
  return [...lines, `Visible tests: ${result.score}/${result.maxScore} points`].join("\n");
}

/**
 * Runs the tests against `learner`, the functions the exercise asks for. tslab keeps a notebook's
 * names to itself, so the check cell passes them in; the tests call them as globals, as in the
 * browser kernel.
 */
export async function checkInNotebook(tests: TestFile, seed: number, answers: ExpectedAnswers, learner: Record<string, unknown>, tf?: unknown): Promise<void> {
  try {
    // A tensor exercise's tests make tensors with the notebook's own tf, as cells do.
    Object.assign(globalThis, learner, tf ? { tf } : {});
    console.log(formatGrade(await grade(tests.build(seed), localRealm(tf), answers)));
  } catch (error) {
    console.log(`The visible tests could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
