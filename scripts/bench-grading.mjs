// node scripts/bench-grading.mjs [--exercise bernoulli-nll] [--total 600] [--concurrency 32] [--port 3217]
// Measures grading through HTTP and storage against the production build (`npm run build` first;
// run it under `flock /tmp/descent-next.lock` on a shared checkout): submissions per second, and
// the latency from POST to a graded result at the given concurrency (p50, p99).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    exercise: { type: "string", default: "bernoulli-nll" },
    total: { type: "string", default: "600" },
    concurrency: { type: "string", default: "32" },
    port: { type: "string", default: "3217" },
  },
});
const total = Number(values.total);
const concurrency = Number(values.concurrency);
const base = `http://127.0.0.1:${values.port}`;
const dataDir = mkdtempSync(join(tmpdir(), "descent-bench-"));
const lesson = values.exercise === "bernoulli-nll" ? "maximum-likelihood" : undefined;
const solutionPath = lesson ? `content/exercises/${lesson}/${values.exercise}/solution.ts` : undefined;

const server = spawn(process.execPath, ["server.mjs", "-p", values.port, "-H", "127.0.0.1"], {
  env: { ...process.env, DESCENT_DATA_DIR: dataDir, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = () => {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
};

try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error("server did not start");
    const ok = await fetch(`${base}/api/exercises`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const exercises = await (await fetch(`${base}/api/exercises`)).json();
  const target = exercises.find((e) => e.id === values.exercise);
  if (!target) throw new Error(`no exercise ${values.exercise}`);
  const code = solutionPath
    ? readFileSync(solutionPath, "utf8")
    : readFileSync(join("content/exercises", target.lesson, target.id, "solution.ts"), "utf8");

  const cookies = [];
  for (let i = 0; i < concurrency; i++) {
    const r = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Learner ${i}`, email: `learner${i}@example.org` }) });
    cookies.push(r.headers.get("set-cookie").split(";")[0]);
  }

  async function submitOnce(cookie) {
    const started = performance.now();
    let body = await (await fetch(`${base}/api/submissions`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ exerciseId: target.id, code }) })).json();
    while (body.status !== "graded") {
      await new Promise((r) => setTimeout(r, 20));
      body = await (await fetch(`${base}/api/submissions/${body.id}`, { headers: { cookie } })).json();
    }
    if (body.score !== body.maxScore) throw new Error(`reference solution scored ${body.score}/${body.maxScore}: ${JSON.stringify(body.tests.filter((t) => !t.passed))}`);
    return performance.now() - started;
  }

  // Warm-up: isolates, compiled tests, SQLite pages.
  await Promise.all(cookies.map((cookie) => submitOnce(cookie)));

  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      while (next < total) {
        next++;
        latencies.push(await submitOnce(cookie));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  console.log(
    JSON.stringify({
      exercise: target.id,
      tests: target.maxScore,
      submissions: latencies.length,
      concurrency,
      seconds: Number(seconds.toFixed(2)),
      perSecond: Number((latencies.length / seconds).toFixed(1)),
      p50ms: Math.round(pct(50)),
      p99ms: Math.round(pct(99)),
    }),
  );
} finally {
  stop();
}
