// npm run bench [-- --quick] [--no-build] [--only cold,warm,tensor,recursion,grading,weight,lighthouse] [--port 3200]
// Measures the course against its anchors in one run, on this machine, and writes
// bench/results/<date>.json (stable keys) and bench/results/<date>.md. See README, "Benchmarks".
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BENCH, BUILD_DIR, buildBenchPages } from "./build-pages.mjs";
import { CHROMIUM } from "./lib/browser.mjs";
import { cpuTimes, load1, machineInfo, stealPercent } from "./lib/machine.mjs";
import { acquireNextLock, startNext, timedBuild } from "./lib/next.mjs";
import { markdown } from "./lib/report.mjs";
import { ratio } from "./lib/stats.mjs";
import { startStaticServer } from "./lib/static-server.mjs";
import { measureColdStart } from "./measure/cold-start.mjs";
import { gradingRatios, measureGradingHttp, measureGradingNotebook, TENSOR_EXERCISE } from "./measure/grading.mjs";
import { measureGradingPostgres } from "./measure/grading-postgres.mjs";
import { measureLighthouse } from "./measure/lighthouse.mjs";
import { measurePageWeight } from "./measure/page-weight.mjs";
import { measureRecursion } from "./measure/recursion.mjs";
import { measureTensors } from "./measure/tensor.mjs";
import { measureWarmOurs, measureWarmTslab } from "./measure/warm.mjs";

const ROOT = join(BENCH, "..");
const PYTHON = "/usr/bin/python3";
const SECTIONS = ["build", "cold", "warm", "tensor", "recursion", "grading", "weight", "lighthouse"];

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    only: { type: "string" },
    port: { type: "string", default: "3200" },
    "static-port": { type: "string", default: "3201" },
    "pg-port": { type: "string" },
  },
});
const only = new Set(args.only ? args.only.split(",") : SECTIONS);
if (args["no-build"]) only.delete("build");

/** Repetitions: --quick checks the harness end to end; the full run is what gets reported. */
const PLAN = args.quick
  ? { coldRuns: 2, coldWarmup: 1, warmRuns: 20, warmWarmup: 5, tensorRuns: 3, tensorWarmup: 1, recursionRuns: 5, recursionWarmup: 2, probeRuns: 2, httpTotals: { 1: 10, 8: 40, 32: 64 }, httpSteadyWarmup: { plain: 64, tensor: 32 }, postgresTotal: 160, postgresSteadyWarmup: 64, notebookTotals: { 1: 2, 8: 8, 32: 0 }, lighthouseRuns: 1 }
  : { coldRuns: 5, coldWarmup: 1, warmRuns: 100, warmWarmup: 10, tensorRuns: 7, tensorWarmup: 2, recursionRuns: 15, recursionWarmup: 3, probeRuns: 5, httpTotals: { 1: 50, 8: 200, 32: 960 }, httpSteadyWarmup: { plain: 3000, tensor: 300 }, postgresTotal: 640, postgresSteadyWarmup: 1000, notebookTotals: { 1: 3, 8: 8, 32: 32 }, lighthouseRuns: 3 };

/** Every lesson page, named by its slug (the file names in content/lessons). */
function lessonRoutes() {
  return readdirSync(join(ROOT, "content", "lessons"))
    .filter((name) => name.endsWith(".mdx"))
    .sort()
    .map((name) => ({ name: name.slice(0, -4), route: `/lessons/${name.slice(0, -4)}` }));
}

const started = performance.now();
const cpuAtStart = cpuTimes();
const log = (message) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const problems = [];
const results = {
  schema: 1,
  date: new Date().toISOString(),
  mode: args.quick ? "quick" : "full",
  plan: PLAN,
  machine: machineInfo(),
  git: (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  })(),
};

/** Runs one section; a failure is recorded with its reason, never papered over with a number. */
async function section(name, task) {
  try {
    return await task();
  } catch (error) {
    const reason = `${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    problems.push(reason);
    log(`FAILED ${reason}`);
    return { value: null, reason };
  }
}

function ensureTools() {
  // The browser, as the tests get it (Debian's chromium), and Pyodide from npm.
  execFileSync("bash", [join(ROOT, "tests", "setup", "ensure-chromium.sh")], { stdio: "inherit" });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing`);
  if (!existsSync(join(ROOT, "node_modules", "pyodide", "pyodide.asm.wasm"))) throw new Error("node_modules/pyodide is missing: run npm install (it is a devDependency)");
}

ensureTools();
log(`mode ${results.mode}; machine: ${results.machine.cores} cores, ${results.machine.cpuModel}, load ${results.machine.loadAverage.join(" ")}`);
await buildBenchPages();

// --- Everything that reads .next/ runs under the shared lock: build, next start, browsers on it. ---
const engineCopy = join(ROOT, ".cache", "bench", "engine");
const needsNext = ["build", "cold", "warm", "grading", "weight", "lighthouse"].some((name) => only.has(name));
if (needsNext || only.has("tensor") || only.has("recursion")) {
  log("waiting for /tmp/descent-next.lock");
  const lock = await acquireNextLock();
  results.lockWaitMs = lock.waitedMs;
  let next;
  try {
    if (only.has("build")) {
      // Next reuses .next/cache between builds; say which kind of build this was.
      results.buildCache = existsSync(join(ROOT, ".next", "cache")) ? "warm: .next/cache from an earlier build was present" : "cold: no .next/cache";
      log("npm run build (timed)");
      const ms = await section("build", () => timedBuild(ROOT));
      if (typeof ms === "number") results.buildMs = ms;
      else results.buildMsReason = ms.reason;
      log(`build: ${results.buildMs ?? "failed"} ms (load ${load1()})`);
    } else {
      results.buildMs = null;
      results.buildMsReason = "skipped (--no-build): the existing .next/ was measured";
    }
    // The tensor section runs after the lock is released, on a private copy of the kernel bundle.
    rmSync(engineCopy, { recursive: true, force: true });
    cpSync(join(ROOT, "public", "engine"), engineCopy, { recursive: true });
    if (needsNext) {
      next = await startNext(ROOT, Number(args.port));
      log(`next start on ${next.url}`);
    }
    const staticServer = await startStaticServer(
      { "/": join(BENCH, "pages"), "/build/": BUILD_DIR, "/engine/": engineCopy, "/pyodide/": join(ROOT, "node_modules", "pyodide") },
      Number(args["static-port"]),
    );
    try {
      if (only.has("cold")) {
        results.coldStart = await section("cold start", () =>
          measureColdStart({ nextUrl: next.url, staticUrl: staticServer.url, runs: PLAN.coldRuns, warmup: PLAN.coldWarmup, log }),
        );
      }
      if (only.has("warm")) {
        results.warm = { ours: await section("warm round trip", () => measureWarmOurs({ nextUrl: next.url, runs: PLAN.warmRuns, warmup: PLAN.warmWarmup })) };
        log(`warm ours: p50 ${results.warm.ours.p50Ms} ms, p95 ${results.warm.ours.p95Ms} ms`);
      }
      if (only.has("grading")) {
        // Ours at grading.c1/c8/c32 (the stable keys); the notebook anchor under grading.notebook.
        results.grading = await section("grading over HTTP", () =>
          measureGradingHttp({ nextUrl: next.url, root: ROOT, totals: (c) => PLAN.httpTotals[c], warmup: 3, steadyWarmup: PLAN.httpSteadyWarmup.plain, log }),
        );
        // A tensor exercise side by side with the plain one, in the same run (key grading.tensor.c32.perSecond).
        results.grading.tensor = await section("grading a tensor exercise over HTTP", () =>
          measureGradingHttp({ nextUrl: next.url, root: ROOT, totals: (c) => PLAN.httpTotals[c], warmup: 3, steadyWarmup: PLAN.httpSteadyWarmup.tensor, log, target: TENSOR_EXERCISE, kind: "tensors (tf in the sandbox)" }),
        );
        // Postgres mode at grading.postgres.workers1/workers2.c32: its own web server, cluster and workers.
        const postgresRun = { root: ROOT, port: Number(args["pg-port"] ?? Number(args.port) + 2), total: PLAN.postgresTotal, steadyWarmup: PLAN.postgresSteadyWarmup, log };
        const postgres = await section("grading with Postgres", () => measureGradingPostgres(postgresRun));
        // grading.postgres.hosts.workers1/workers2.c32: each worker held to half a core (a cgroup quota),
        // standing in for a grader machine of its own, as a course adds them.
        if (postgres && typeof postgres === "object" && !postgres.reason) {
          postgres.hosts = await section("grading with Postgres, a grader machine per worker", () =>
            measureGradingPostgres({ ...postgresRun, cpuPerWorker: 0.5 }),
          );
        }
        if (results.grading && typeof results.grading === "object") results.grading.postgres = postgres;
      }
      if (only.has("weight")) {
        results.pageWeight = await section("page weight", () => measurePageWeight({ nextUrl: next.url, pages: lessonRoutes() }));
        log(`page weight: lesson ${results.pageWeight.lesson?.preInteraction?.gzipKB} KB gzip before interaction`);
      }
      if (only.has("lighthouse")) {
        results.lighthouse = await section("lighthouse", () =>
          measureLighthouse({ nextUrl: next.url, pages: [{ name: "index", route: "/" }, ...lessonRoutes()], runs: PLAN.lighthouseRuns, log }),
        );
      }
    } finally {
      await next?.stop();
      if (next) rmSync(next.dataDir, { recursive: true, force: true });
      await lock.release();
      log("released /tmp/descent-next.lock");
    }
    // --- No lock needed from here: our own server, our own copy of the kernel bundle, Jupyter. ---
    try {
      if (only.has("tensor")) {
        results.tensor = await section("tensor", () =>
          measureTensors({ staticUrl: staticServer.url, backends: ["cpu", "wasm", "webgl"], runs: PLAN.tensorRuns, warmup: PLAN.tensorWarmup, probeRuns: PLAN.probeRuns, log }),
        );
      }
      if (only.has("recursion")) {
        results.kernel = {
          recursion: await section("recursion", () =>
            measureRecursion({ staticUrl: staticServer.url, runs: PLAN.recursionRuns, warmup: PLAN.recursionWarmup, log }),
          ),
        };
      }
    } finally {
      await staticServer.close();
    }
  } catch (error) {
    problems.push(`harness: ${error.message.split("\n")[0]}`);
    log(`FAILED ${error.stack}`);
  }
}

if (only.has("warm")) {
  results.warm ??= {};
  results.warm.tslab = await section("warm round trip on tslab", () => measureWarmTslab({ root: ROOT, runs: PLAN.warmRuns, warmup: PLAN.warmWarmup }));
  results.warm.tslabOverOurs = ratio(results.warm.tslab?.p50Ms, results.warm.ours?.p50Ms);
  results.warm.tslabOverOursDom = ratio(results.warm.tslab?.p50Ms, results.warm.ours?.domUpdated?.p50Ms);
  log(`warm tslab: p50 ${results.warm.tslab?.p50Ms ?? "n/a"} ms ${results.warm.tslab?.reason ?? ""}`);
}
if (only.has("grading")) {
  results.grading ??= {};
  results.grading.notebook = await section("grading with nbconvert", () =>
    measureGradingNotebook({ root: ROOT, python: PYTHON, totals: (c) => PLAN.notebookTotals[c], log }),
  );
  results.grading.ratios = gradingRatios(results.grading, results.grading.notebook);
}

for (const [key, value] of Object.entries({ coldStart: results.coldStart, warmTslab: results.warm?.tslab, gradingHttp: results.grading, gradingNotebook: results.grading?.notebook })) {
  if (value && value.value === null && !problems.some((problem) => problem.includes(value.reason))) problems.push(`${key}: ${value.reason}`);
}
results.problems = problems;
results.wallMs = Math.round(performance.now() - started);
results.machine.loadAverageAtEnd = machineInfo().loadAverage;
results.machine.cpuStealPercent = stealPercent(cpuAtStart, cpuTimes());

const outDir = join(BENCH, "results");
mkdirSync(outDir, { recursive: true });
// A run of some sections only (--only) never overwrites a whole run's file.
// A partial run is named by what it measured, so two partial runs on one day do not overwrite each other.
const partial = args.only ? `-${[...only].sort().join("-")}-partial` : "";
const stem = `${results.date.slice(0, 10)}${args.quick ? "-quick" : ""}${partial}`;
writeFileSync(join(outDir, `${stem}.json`), `${JSON.stringify(results, null, 2)}\n`);
const table = markdown(results);
writeFileSync(join(outDir, `${stem}.md`), `# Benchmarks ${stem}\n\n${table}`);
console.log(`\n${table}`);
log(`wrote bench/results/${stem}.json and .md in ${Math.round(results.wallMs / 1000)} s (${Math.round((results.lockWaitMs ?? 0) / 1000)} s of it waiting for the build lock)`);
