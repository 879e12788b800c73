/**
 * `npm run new:exercise -- <lesson> <id>`: writes an exercise folder with every file, each explained
 * in comments, and a `TODO(new:exercise)` marker on every line the author must fill in.
 * `npm run check:content` reports each marker left at its file:line (and runs the grading checks
 * only once none is left), so the author is told exactly what is still missing.
 */
import "server-only";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TODO_MARKER = "TODO(new:exercise)";

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The files of a new exercise, by path inside its folder. */
export function scaffoldFiles(id: string, now = new Date()): Record<string, string> {
  const fn = camel(id);
  const due = new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  return {
    "exercise.yaml": `# The metadata of exercise ${id}; every field is explained in README.md, "Exercises and grading".
id: ${id}
title: "${TODO_MARKER}: the title learners see, e.g. The mean of a list"
# Revealed one at a time, in order: start small.
hints:
  - "${TODO_MARKER}: a first, small hint"
# Hidden tests' names and messages: always, after-due (needs due) or never.
revealHidden: after-due
due: ${due}
# true: each learner gets their own numbers (tests draw from rng), so answers cannot be passed around.
seeded: false
# true: the learner's code (and the solution) get TensorFlow.js as tf.
tensors: false
timeBudgetMs: 5000
# Rules, all optional: maxAttempts: 3 (then 409), late: { penaltyPerDay: 1, lastDay: 7, after: refuse | zero },
# hintPenalty: 0.5 (points off per hint a signed-in learner opens).
# Each common mistake: a file in mistakes/, the test it fails, and text its failure message contains.
mistakes:
  - file: first-mistake.ts
    about: "${TODO_MARKER}: what is wrong in mistakes/first-mistake.ts, for instructors"
    fails: the first test
    feedback: "${TODO_MARKER}: text of the message that test gives this mistake"
`,
    "prompt.mdx": `{/* The prompt, shown above the code. MDX: Markdown, $math$ and components. */}
{/* ${TODO_MARKER}: say what \`${fn}\` takes and returns, and what the tests check. */}
Write \`${fn}(xs)\`.
`,
    "starter.ts": `// What the learner starts from: the signature and its doc comment, no solution.
/** ${TODO_MARKER}: one line on what ${fn} returns. */
function ${fn}(xs: number[]): number {
  // Your code here.
  return 0;
}
`,
    "solution.ts": `// The reference solution: never sent to a page; its answers to the tests are computed on the server.
function ${fn}(xs: number[]): number {
  // ${TODO_MARKER}: the reference solution.
  return xs.length;
}
`,
    "tests.visible.ts": `// Visible tests: shown to learners and run by **Check** in their browser. Messages are for the learner.
import { defineTests } from "@/engine/grading";

declare function ${fn}(xs: number[]): number;

export default defineTests((t) => {
  t.test("the first test", {
    points: 1,
    // ${TODO_MARKER}: an input that shows the idea, and a check (expected is the reference's answer to it).
    input: { xs: [1, 2, 3] },
    run: ({ xs }) => ${fn}(xs),
    check: (got, { expect, expected }) => expect.close(got, expected, { abs: 1e-9, what: "${fn}([1, 2, 3])" }),
  });
});
`,
    "tests.hidden.ts": `// Hidden tests: graded on the server only, never bundled for a page (delete this file if there are none).
import { defineTests } from "@/engine/grading";

declare function ${fn}(xs: number[]): number;

export default defineTests((t) => {
  t.test("an edge case", {
    points: 1,
    // ${TODO_MARKER}: an input the visible tests do not show (an edge case, a large input).
    input: { xs: [5] },
    run: ({ xs }) => ${fn}(xs),
    check: (got, { expect, expected }) => expect.close(got, expected, { abs: 1e-9, what: "${fn}([5])" }),
  });
});
`,
    "mistakes/first-mistake.ts": `// A common mistake, as a learner would write it: check:content proves it fails "the first test"
// with the declared feedback, and the analytics page counts the submissions that fail exactly as it does.
function ${fn}(xs: number[]): number {
  // ${TODO_MARKER}: the mistaken code.
  return 0;
}
`,
  };
}

/** Writes the folder content/exercises/<lesson>/<id>/ under `root`; refuses to overwrite one. */
export function scaffoldExercise(root: string, lesson: string, id: string): { dir: string; files: string[] } {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`exercise id "${id}" must be lower-case words joined by dashes, e.g. mean-of-a-list`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(lesson)) throw new Error(`lesson "${lesson}" must be a lesson's slug, e.g. maximum-likelihood`);
  const dir = join(/*turbopackIgnore: true*/ root, lesson, id);
  if (existsSync(dir)) throw new Error(`${dir} already exists: pick another id`);
  const files = scaffoldFiles(id);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(/*turbopackIgnore: true*/ dir, name, ".."), { recursive: true });
    writeFileSync(join(/*turbopackIgnore: true*/ dir, name), text, { flag: "wx" });
  }
  return { dir, files: Object.keys(files) };
}
