/**
 * No answer reaches the learner, tried the way a learner would: every function that a lesson page
 * (the visible tests' script that Check runs) or an exported notebook (its check bundle, which also
 * holds the harness) ships is copied out and submitted as the learner's function. None may earn
 * full marks. The page's answers are data; the code that made them stays on the server.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Node, parse } from "acorn";
import { full } from "acorn-walk";
import { afterAll, describe, expect, test } from "vitest";
import { grade, type TestCase } from "@/engine/grading/harness";
import { listExercises } from "@/course/exercises.server";
import { browserCheckBundle, buildTests, loadTests, referenceAnswers } from "@/grader/exercises.server";
import { nodeRealm } from "@/grader/node-realm.server";
import { buildExerciseCheck, learnerNames } from "../../scripts/notebooks/exercises";

const exercises = listExercises();
const out = mkdtempSync(join(tmpdir(), "descent-shipped-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The source text of every function (declaration, expression or arrow) in a script. */
function functionsIn(js: string): string[] {
  const found = new Set<string>();
  full(parse(js, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true }), (node: Node) => {
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") {
      found.add(js.slice(node.start, node.end));
    }
  });
  return [...found];
}

/**
 * A learner submits a copied function under the exercise's name. A copied async function's rejected
 * promises are caught here, so that they do not outlive the test as unhandled rejections.
 */
function asSubmission(name: string, source: string): string {
  return `var ${name} = ((copied) => function (...args) { const result = copied.apply(this, args); if (result && typeof result.then === "function") result.then(undefined, () => undefined); return result; })(${source});`;
}

describe.each(exercises.map((exercise) => [exercise.id, exercise] as const))("exercise %s", (id, exercise) => {
  test("no function the page or a notebook ships earns full marks", { timeout: 300_000 }, async () => {
    await buildExerciseCheck(out, exercise);
    const shipped = [await browserCheckBundle(exercise), readFileSync(join(out, "descent", "exercises", `${id}.cjs`), "utf8")];
    const functions = [...new Set(shipped.flatMap(functionsIn))];
    expect(functions.length, `${id}: the scan found no functions, so it is not looking at the shipped code`).toBeGreaterThan(5);
    const names = learnerNames(readFileSync(exercise.files.visible, "utf8"));
    expect(names.length).toBeGreaterThan(0);
    const tests: TestCase[] = [
      ...buildTests(await loadTests(exercise.files.visible), 1, exercise.files.visible),
      ...(exercise.files.hidden ? buildTests(await loadTests(exercise.files.hidden), 1, exercise.files.hidden) : []),
    ];
    const answers = await referenceAnswers(exercise, tests);
    const fullMarks: string[] = [];
    for (const source of functions) {
      for (const name of names) {
        const result = await grade(tests, nodeRealm(asSubmission(name, source), { tensors: exercise.meta.tensors }), answers);
        if (result.score === result.maxScore) fullMarks.push(`${name} = ${source.slice(0, 200)}`);
      }
    }
    expect(fullMarks, `${id}: shipped functions that earn full marks when submitted`).toEqual([]);
    // The scan can tell: the reference solution itself would earn full marks.
    const solution = await grade(tests, nodeRealm(readFileSync(exercise.files.solution, "utf8"), { tensors: exercise.meta.tensors }), answers);
    expect(solution.score).toBe(solution.maxScore);
  });
});
