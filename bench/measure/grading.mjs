// 4. Grading: submissions per second and latency at concurrency 1, 8 and 32, end to end through
// HTTP and storage (POST /api/session, POST /api/submissions, polling GET /api/submissions/:id), and
// the same exercise graded as a notebook executed by nbconvert on the tslab kernel.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { load1 } from "../lib/machine.mjs";
import { missing, percentile, ratio, summarize } from "../lib/stats.mjs";
import { prepareTslab } from "../lib/tslab.mjs";

// A small exercise, as issue 7 asks: nine plain-number tests (bernoulli-nll also times a 100,000-flip input).
export const EXERCISE = { lesson: "maximum-likelihood", id: "best-constant" };
// A tensor exercise (issue 10): tf loaded into each submission's sandbox context, ten points over five tests.
export const TENSOR_EXERCISE = { lesson: "output-units", id: "row-log-softmax" };
export const CONCURRENCY = [1, 8, 32];

export function solutionCode(root, exercise = EXERCISE) {
  return readFileSync(join(root, "content", "exercises", exercise.lesson, exercise.id, "solution.ts"), "utf8");
}

/**
 * A submitter whose every submission's code is distinct (a trailing comment with its number), as
 * learners' code is, so that no cache keyed on the code's text can flatter the figures.
 */
export function distinctSubmissions(code) {
  let n = 0;
  return () => `${code}\n// bench submission ${++n}\n`;
}

export async function signIn(url, n) {
  const response = await fetch(`${url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: `Bench learner ${n}`, email: `bench-${n}-${Date.now()}@example.test` }),
  });
  if (!response.ok) throw new Error(`POST /api/session: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  if (!cookie) throw new Error("POST /api/session set no cookie");
  return cookie;
}

/** Kept-alive sockets for the submitting loop, as many as the highest concurrency needs. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One request over `agent`, answering {status, text}. The load's client runs on the same two cores as
 * the server it measures: node:http costs it about half the CPU per request that fetch does, which
 * leaves that much more for the server (the figures are the server's, not the client's).
 */
function send(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, agent, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** One submission, start to graded; returns {ms, score, maxScore}. */
export async function submitOnce(url, cookie, exerciseId, code) {
  const start = performance.now();
  const response = await send(`${url}/api/submissions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ exerciseId, code }),
  });
  if (response.status < 200 || response.status > 299) throw new Error(`POST /api/submissions: ${response.status} ${response.text.slice(0, 300)}`);
  let body = JSON.parse(response.text);
  const deadline = start + 60_000;
  while (body.status !== "graded") {
    if (performance.now() > deadline) throw new Error(`submission ${body.id} not graded within 60 s (status ${body.status})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const poll = await send(`${url}/api/submissions/${body.id}`, { headers: { cookie } });
    if (poll.status !== 200) throw new Error(`GET /api/submissions/${body.id}: ${poll.status}`);
    body = JSON.parse(poll.text);
  }
  return { ms: performance.now() - start, score: body.score, maxScore: body.maxScore };
}

/** `total` submissions from `concurrency` learners, each submitting again as soon as graded. */
export async function load(concurrency, total, run) {
  const latencies = [];
  const wrong = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (issued < total) {
        issued++;
        const outcome = await run(worker);
        latencies.push(outcome.ms);
        if (outcome.score !== outcome.maxScore) wrong.push(`${outcome.score}/${outcome.maxScore}`);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const summary = summarize(latencies, { percentiles: [99] });
  return {
    submissions: latencies.length,
    perSecond: Number(((latencies.length / wallMs) * 1000).toFixed(2)),
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    minMs: summary.minMs,
    maxMs: summary.maxMs,
    wallMs: Math.round(wallMs),
    ...(wrong.length ? { notFullMarks: wrong.length } : {}),
  };
}

/**
 * `warmup` submissions one at a time (the sandbox processes start, the exercise loads), then
 * `steadyWarmup` at the highest concurrency, untimed: a server at a deadline has been serving for
 * hours, and V8 optimises the web process's hot code (the TypeScript compile, JSON, SQLite calls) only
 * after a few thousand submissions. What those warm-up submissions did is reported as `warmupC32`.
 */
export async function measureGradingHttp({ nextUrl, root, totals, warmup, steadyWarmup = 0, log, target = EXERCISE, kind = "plain (no tensors)" }) {
  const probe = await fetch(`${nextUrl}/api/exercises`).catch((error) => ({ ok: false, status: error.message }));
  if (!probe.ok) return missing(`GET /api/exercises answered ${probe.status}: the server grader (issue 4) is not in this build`);
  const list = await probe.json();
  const exercise = list.find((entry) => entry.id === target.id || entry.id.endsWith(`/${target.id}`));
  if (!exercise) return missing(`no exercise ${target.id} in GET /api/exercises`);
  const nextCode = distinctSubmissions(solutionCode(root, target));
  const cookies = [];
  for (let n = 0; n < Math.max(...CONCURRENCY); n++) cookies.push(await signIn(nextUrl, n));
  const submit = (worker) => submitOnce(nextUrl, cookies[worker], exercise.id, nextCode());
  for (let i = 0; i < warmup; i++) await submit(0); // starts the sandbox processes, loads the exercise
  const out = { exercise: exercise.id, kind };
  if (steadyWarmup > 0) {
    out.warmupC32 = await load(Math.max(...CONCURRENCY), steadyWarmup, submit);
    log(`grading http ${exercise.id} warm-up c32 (${steadyWarmup}, untimed): ${out.warmupC32.perSecond}/s, p99 ${out.warmupC32.p99Ms} ms`);
  }
  const loadBefore = load1();
  for (const concurrency of CONCURRENCY) {
    if (!totals(concurrency)) {
      out[`c${concurrency}`] = missing("skipped in --quick mode");
      continue;
    }
    out[`c${concurrency}`] = await load(concurrency, totals(concurrency), submit);
    log(`grading http ${exercise.id} c${concurrency}: ${out[`c${concurrency}`].perSecond}/s, p50 ${out[`c${concurrency}`].p50Ms} ms, p99 ${out[`c${concurrency}`].p99Ms} ms`);
  }
  out.load1 = { before: loadBefore, after: load1() };
  return out;
}

function runProcess(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

/**
 * The exercise as a Jupyter course would grade it: a notebook with the learner's code and the
 * exercise's check cell (from `npm run export:notebooks`), executed headless by nbconvert on tslab.
 */
async function prepareNotebook(root, dir) {
  const exported = join(dir, "export");
  const lessons = join(dir, "lessons");
  rmSync(exported, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  rmSync(lessons, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  // Only the exercise's own lesson: the export must not depend on the state of the other lessons.
  mkdirSync(lessons, { recursive: true });
  copyFileSync(join(root, "content", "lessons", `${EXERCISE.lesson}.mdx`), join(lessons, `${EXERCISE.lesson}.mdx`));
  const { code, output } = await runProcess(join(root, "node_modules", ".bin", "tsx"), [join(root, "scripts", "export-notebooks.ts"), "--out", exported, "--lessons", lessons], { cwd: root });
  if (code !== 0) throw new Error(`npm run export:notebooks failed: ${output.slice(-600)}`);
  const lesson = JSON.parse(readFileSync(join(exported, `${EXERCISE.lesson}.ipynb`), "utf8"));
  const source = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
  const check = lesson.cells.find((cell) => cell.cell_type === "code" && source(cell).includes(`exercises/${EXERCISE.id}`));
  if (!check) throw new Error(`the exported ${EXERCISE.lesson}.ipynb has no check cell for ${EXERCISE.id}`);
  const notebook = {
    ...lesson,
    cells: [
      { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: solutionCode(root) },
      { ...check, outputs: [], execution_count: null },
    ],
  };
  writeFileSync(join(exported, "submission.ipynb"), JSON.stringify(notebook, null, 1));
  return exported;
}

export async function measureGradingNotebook({ root, python, totals, log }) {
  const dir = join(root, ".cache", "bench", "notebooks");
  mkdirSync(dir, { recursive: true });
  const unavailable = await prepareTslab(root);
  if (unavailable) return missing(unavailable);
  let exported;
  try {
    exported = await prepareNotebook(root, dir);
  } catch (error) {
    return missing(`could not build the exercise notebook: ${error.message.split("\n")[0]}`);
  }
  let counter = 0;
  const gradeOnce = async () => {
    const name = `submission-${++counter}`;
    copyFileSync(join(exported, "submission.ipynb"), join(exported, `${name}.ipynb`));
    const start = performance.now();
    const { code, output } = await runProcess(
      python,
      ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=120", `${name}.ipynb`, "--output", `${name}.out.ipynb`],
      { cwd: exported },
    );
    const ms = performance.now() - start;
    if (code !== 0) throw new Error(`nbconvert failed: ${output.slice(-400)}`);
    const executed = readFileSync(join(exported, `${name}.out.ipynb`), "utf8");
    const match = /Visible tests: (\d+)\/(\d+) points/.exec(executed);
    if (!match) throw new Error(`the executed notebook shows no score: ${executed.slice(-400)}`);
    return { ms, score: Number(match[1]), maxScore: Number(match[2]) };
  };
  try {
    await gradeOnce(); // warm-up: the OS caches tslab and TypeScript
    const out = { method: "python3 -m nbconvert --execute on tslab, one process (and kernel) per submission" };
    const loadBefore = load1();
    for (const concurrency of CONCURRENCY) {
      if (!totals(concurrency)) {
        out[`c${concurrency}`] = missing("skipped in --quick mode (one tslab kernel per submission)");
        continue;
      }
      out[`c${concurrency}`] = await load(concurrency, totals(concurrency), gradeOnce);
      log(`grading nbconvert c${concurrency}: ${out[`c${concurrency}`].perSecond}/s, p50 ${out[`c${concurrency}`].p50Ms} ms`);
    }
    out.load1 = { before: loadBefore, after: load1() };
    return out;
  } catch (error) {
    return missing(`nbconvert grading failed: ${error.message.split("\n")[0]}`);
  } finally {
    // Kernels that outlive their nbconvert may still be writing there: retry, and never let the clean-up
    // throw away the figures measured (the 2026-12-01 evening run lost them to ENOTEMPTY here).
    try {
      if (existsSync(exported)) rmSync(exported, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      log(`grading nbconvert: could not remove ${exported} (${error.message}); the next run starts afresh`);
    }
  }
}

/** ours over nbconvert, per concurrency, for submissions per second. */
export function gradingRatios(http, notebook) {
  const out = {};
  for (const concurrency of CONCURRENCY) {
    const key = `c${concurrency}`;
    out[key] = { throughputOursOverNotebook: ratio(http?.[key]?.perSecond, notebook?.[key]?.perSecond), p50NotebookOverOurs: ratio(notebook?.[key]?.p50Ms, http?.[key]?.p50Ms) };
  }
  return out;
}

export { percentile };
