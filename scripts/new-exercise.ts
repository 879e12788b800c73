// `npm run new:exercise -- <lesson> <id> [--into <exercises folder>]`: a new exercise folder with every
// file, each line to fill in marked; `npm run check:content` then lists what is left (see grader/scaffold.server.ts).
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { checkExercise } from "../grader/check-content.server";
import { EXERCISES_DIR, readExercise } from "../course/exercises.server";
import { LESSONS_DIR } from "../course/lessons.server";
import { scaffoldExercise } from "../grader/scaffold.server";

const args = process.argv.slice(2);
const into = args.indexOf("--into");
const root = into === -1 ? EXERCISES_DIR : resolve(process.env.INIT_CWD ?? process.cwd(), args[into + 1] ?? "");
const [lesson, id] = into === -1 ? args : args.filter((_, i) => i !== into && i !== into + 1);
if (!lesson || !id) {
  console.error("usage: npm run new:exercise -- <lesson> <id>   e.g. npm run new:exercise -- maximum-likelihood mean-of-a-list");
  process.exit(2);
}
if (into === -1 && !existsSync(join(LESSONS_DIR, `${lesson}.mdx`))) {
  console.error(`content/lessons/${lesson}.mdx does not exist: an exercise belongs to a lesson (see content/lessons/)`);
  process.exit(2);
}
try {
  const { dir } = scaffoldExercise(root, lesson, id);
  const shown = relative(process.cwd(), dir);
  console.log(`Wrote ${shown}/. Fill in every line marked TODO(new:exercise):`);
  for (const problem of await checkExercise(readExercise(lesson, dir))) console.log(`  ${problem.message}`);
  console.log(`Then add <Exercise id="${id}" /> to content/lessons/${lesson}.mdx, and run npm run check:content until it passes.`);
} catch (error) {
  console.error(`new:exercise: ${(error as Error).message}`);
  process.exit(1);
}
