// A grading server process for the kill-and-restart test: `submit <dataDir>` stores a slow
// submission and prints its id; `recover <dataDir> <id>` starts a fresh service on the same data
// and prints the submission once the restarted service has graded it. With DESCENT_DATABASE_URL
// it is a Postgres-mode web server instead: it only stores, and grader workers grade.
import { GradingService } from "../../../grader/service.server";

const [mode, dataDir, id] = process.argv.slice(2);
const databaseUrl = process.env.DESCENT_DATABASE_URL;
const service = await GradingService.open({ dataDir: dataDir!, poolSize: 1, ...(databaseUrl ? { databaseUrl, role: "web" as const } : {}) });
const slowMs = Number(process.env.DESCENT_TEST_SLOW_MS ?? 800);

if (mode === "submit") {
  await service.store.upsertLearner("ada@example.org", "Ada");
  // Each test call spins for 0.8 s: grading takes several seconds, long enough to be killed mid-way.
  const slow = `function bernoulliNll(flips: number[], p: number) { const end = Date.now() + ${slowMs}; while (Date.now() < end) {} return 0; }`;
  const submitted = await service.submit("ada@example.org", "bernoulli-nll", slow);
  console.log(JSON.stringify({ id: submitted.id }));
} else {
  const started = Date.now();
  while ((await service.store.get(id!))?.status !== "graded" && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
  console.log(JSON.stringify(await service.store.get(id!)));
  await service.close();
  process.exit(0);
}
