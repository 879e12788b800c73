// `npm run check:content`: validates every exercise under content/exercises (see grader/check-content.server.ts).
import { checkAllContent } from "../grader/check-content.server";

const started = Date.now();
const { checked, problems } = await checkAllContent();
for (const problem of problems) console.error(problem.message);
if (problems.length > 0) {
  console.error(`check:content: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${checked} exercise${checked === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`check:content: ${checked} exercise${checked === 1 ? "" : "s"} OK in ${Date.now() - started} ms`);
