// npm run grader: one grader worker process for Postgres mode. Run it on any number of machines
// with the same DESCENT_DATABASE_URL and the same course files (content/exercises). See README,
// "Running at scale". SIGTERM or SIGINT: stop taking jobs, finish or hand back the ones held, exit.
import { GradingService, optionsFromEnv } from "../grader/service.server";
import { isPostgresUrl } from "../grader/store.server";
import { GraderWorker } from "../grader/worker.server";

const options = optionsFromEnv();
if (!isPostgresUrl(options.databaseUrl)) {
  console.error("npm run grader needs DESCENT_DATABASE_URL=postgres://...: without it, `npm start` grades in the web server itself.");
  process.exit(2);
}
const graceMs = Number(process.env.DESCENT_GRADER_SHUTDOWN_MS ?? 20_000);
const service = await GradingService.open({ ...options, role: "worker" });
const worker = new GraderWorker(service);
worker.start();
console.log(`[grader ${worker.id}] grading with ${service.pool?.size} sandbox processes, ${service.capacity} submissions in flight`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[grader ${worker.id}] ${signal}: finishing the jobs in flight (up to ${graceMs} ms)`);
  const { finished, returned } = await worker.stop(graceMs);
  console.log(`[grader ${worker.id}] stopped: ${finished} finished, ${returned} handed back, ${worker.graded} graded in all`);
  await service.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
