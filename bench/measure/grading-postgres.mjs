// 4b. Grading in Postgres mode: the web server (production build) only stores and enqueues, and 1
// or 2 grader worker processes (`npm run grader`, one sandbox process each: one per core on this
// 2-core machine) grade. Same exercise, same load and latency definition as grading.c32: from POST to a
// graded result through HTTP, storage and the queue. The cluster is a throwaway one (tests/setup/postgres.ts).
//
// On 2 shared cores one worker already leaves no CPU idle (web server, Postgres and the load client
// take more of it than the grading does), so a second worker process can only share the same cores.
// What a course adds is grader *machines*: `cpuPerWorker` stands each worker (with its sandbox
// process) in for a machine of its own with that many cores, by a cgroup CPU quota (cgroup v1 `cpu`
// controller), while the web server and Postgres keep the rest, as the several-hosts test stands
// each worker in for a host with a network namespace.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";
import { load1 } from "../lib/machine.mjs";
import { startNext } from "../lib/next.mjs";
import { missing } from "../lib/stats.mjs";
import { distinctSubmissions, EXERCISE, load, signIn, solutionCode, submitOnce } from "./grading.mjs";

const WORKER_COUNTS = [1, 2];

const CPU_CGROUP = "/sys/fs/cgroup/cpu";

/** A cgroup with a CPU quota of `cpus` cores, for one worker and its sandbox process; undefined = no limit. */
function cpuGroup(cpus, index) {
  if (!cpus) return undefined;
  if (!existsSync(join(CPU_CGROUP, "cpu.cfs_quota_us"))) throw new Error(`no cgroup v1 cpu controller at ${CPU_CGROUP}`);
  const dir = join(CPU_CGROUP, `descent-bench-${process.pid}-${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "cpu.cfs_period_us"), "100000");
  writeFileSync(join(dir, "cpu.cfs_quota_us"), String(Math.round(cpus * 100_000)));
  return {
    procs: join(dir, "cgroup.procs"),
    // A stopped worker's sandbox process may still be exiting: a cgroup with a process in it cannot be removed.
    async remove() {
      for (let i = 0; i < 50 && readFileSync(join(dir, "cgroup.procs"), "utf8").trim(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      rmdirSync(dir);
    },
  };
}

function startWorker(root, databaseUrl, group) {
  const command = [process.execPath, "--import", "tsx", join(root, "scripts", "grader.ts")];
  // The shell joins the cgroup before it becomes the worker, so the sandbox process it forks is in it too.
  const [file, ...args] = group ? ["sh", "-c", `echo $$ > "$0" && exec "$@"`, group.procs, ...command] : command;
  const child = spawn(file, args, {
    cwd: root,
    env: { ...process.env, DESCENT_DATABASE_URL: databaseUrl, DESCENT_GRADER_PROCESSES: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-10_000)));
  child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-10_000)));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const check = setInterval(() => {
      if (/grading with \d+ sandbox processes/.test(output)) {
        clearInterval(check);
        resolve({ stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once("exit", done), child.kill("SIGTERM")))) });
      } else if (child.exitCode !== null || Date.now() > deadline) {
        clearInterval(check);
        child.kill("SIGKILL");
        reject(new Error(`npm run grader did not start:\n${output.slice(-600)}`));
      }
    }, 100);
  });
}

export async function measureGradingPostgres({ root, port, total, concurrency = 32, warmup = 2, steadyWarmup = 0, cpuPerWorker, log, target = EXERCISE, kind = "plain (no tensors)" }) {
  let postgres;
  try {
    postgres = await tsImport(join(root, "tests", "setup", "postgres.ts"), import.meta.url);
  } catch (error) {
    return missing(`could not load the Postgres test setup: ${error.message.split("\n")[0]}`);
  }
  let cluster;
  try {
    cluster = await postgres.startCluster();
  } catch (error) {
    return missing(`no PostgreSQL cluster: ${error.message.split("\n")[0]}`);
  }
  const out = {
    exercise: target.id,
    kind,
    method: `npm start's server.mjs (Postgres mode, no sandbox) + N x npm run grader with DESCENT_GRADER_PROCESSES=1${cpuPerWorker ? `, each worker and its sandbox process limited to ${cpuPerWorker} CPU (cgroup quota), standing in for a grader machine of its own` : ", all on the same 2 cores"}, throwaway local cluster (fsync off)`,
    ...(cpuPerWorker ? { cpuPerWorker } : {}),
  };
  const nextCode = distinctSubmissions(solutionCode(root, target));
  try {
    for (const workers of WORKER_COUNTS) {
      const database = await postgres.freshDatabase(cluster.url, "descent_bench");
      const next = await startNext(root, port, { DESCENT_DATABASE_URL: database.url });
      const graders = [];
      const groups = [];
      try {
        for (let i = 0; i < workers; i++) {
          const group = cpuGroup(cpuPerWorker, i);
          if (group) groups.push(group);
          graders.push(await startWorker(root, database.url, group));
        }
        const cookies = [];
        for (let n = 0; n < concurrency; n++) cookies.push(await signIn(next.url, n));
        const exercises = await (await fetch(`${next.url}/api/exercises`)).json();
        const exercise = exercises.find((entry) => entry.id === target.id || entry.id.endsWith(`/${target.id}`));
        if (!exercise) throw new Error(`no exercise ${target.id}`);
        const submit = (worker) => submitOnce(next.url, cookies[worker], exercise.id, nextCode());
        // Warm-up: one round from every learner at once, so that every worker has loaded the exercise
        // and started its sandbox before the clock runs.
        for (let i = 0; i < warmup; i++) await Promise.all(cookies.map((_, worker) => submit(worker)));
        // Then, as for grading.c32, untimed submissions at full load: a deadline's web server and
        // workers have been running for hours, with their code compiled by the JIT.
        const warm = steadyWarmup > 0 ? await load(concurrency, steadyWarmup, submit) : undefined;
        const loadBefore = load1();
        const result = await load(concurrency, total, submit);
        out[`workers${workers}`] = { [`c${concurrency}`]: { ...result, load1: { before: loadBefore, after: load1() } }, ...(warm ? { warmupC32: warm } : {}) };
        log(`grading postgres ${target.id}${cpuPerWorker ? ` (${cpuPerWorker} CPU each)` : ""} workers${workers} c${concurrency}: ${result.perSecond}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
      } catch (error) {
        out[`workers${workers}`] = { [`c${concurrency}`]: missing(`failed: ${error.message.split("\n")[0]}`) };
      } finally {
        for (const grader of graders) await grader.stop();
        for (const group of groups) {
          try {
            await group.remove();
          } catch {
            // A cgroup still holding a process that outlived its worker: left for the machine to reap.
          }
        }
        await next.stop();
        rmSync(next.dataDir, { recursive: true, force: true });
        await database.drop().catch(() => undefined);
      }
    }
  } finally {
    cluster.stop();
  }
  return out;
}
