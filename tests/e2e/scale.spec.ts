/**
 * Grading at course scale, on several "hosts": PostgreSQL and three grader workers (`npm run
 * grader`), each in its own network namespace, linked by veth pairs (every address lives inside
 * the test's namespaces); the web server (production build, Postgres mode) reaches Postgres by its
 * unix socket. 1,000 submissions from 32 learners at once, every tenth POST sent twice with its
 * Idempotency-Key; mid-run one worker is SIGKILLed, another is cut off its network, and the web
 * server is SIGKILLed and restarted. Then every acknowledged submission must be graded exactly
 * once with the right score, and the gradebook must count exactly what was acknowledged.
 * Needs root (ip netns); runs after `npm run build` like every spec here.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { type Cluster, startCluster } from "../setup/postgres";
import { startWorker, waitUntil, type WorkerProcess } from "../unit/helpers/workers";

const PORT = Number(process.env.E2E_SCALE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const TOTAL = 1_000;
const CONCURRENCY = 32;
const EXERCISE = { lesson: "maximum-likelihood", id: "best-constant" };
const INSTRUCTOR = { authorization: "Bearer e2e-scale-token" };

const tag = Math.random().toString(16).slice(2, 6);
const ns = (name: string) => `dsc-${tag}-${name}`;
const HOSTS = ["w1", "w2", "w3"] as const;
/** Host i talks to the database over 10.12.<i+1>.0/24: .1 is the database's end, .2 the worker's. */
const dbEnd = (i: number) => `10.12.${i + 1}.1`;
const link = (i: number, side: "a" | "b") => `d${tag}${HOSTS[i]}${side}`;
const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] });

let cluster: Cluster | undefined;
let socketUrl = "";
let dataDir = "";
let web: ChildProcess | undefined;
const workers: WorkerProcess[] = [];

function setUpHosts() {
  ip("netns", "add", ns("db"));
  ip("-n", ns("db"), "link", "set", "lo", "up");
  HOSTS.forEach((host, i) => {
    ip("netns", "add", ns(host));
    ip("-n", ns(host), "link", "set", "lo", "up");
    // Both ends are created straight inside the namespaces: the machine's own network is untouched.
    ip("link", "add", link(i, "a"), "netns", ns("db"), "type", "veth", "peer", "name", link(i, "b"), "netns", ns(host));
    ip("-n", ns("db"), "addr", "add", `${dbEnd(i)}/24`, "dev", link(i, "a"));
    ip("-n", ns(host), "addr", "add", `10.12.${i + 1}.2/24`, "dev", link(i, "b"));
    ip("-n", ns("db"), "link", "set", link(i, "a"), "up");
    ip("-n", ns(host), "link", "set", link(i, "b"), "up");
  });
}

function tearDownHosts() {
  for (const name of ["db", ...HOSTS]) {
    try {
      ip("netns", "delete", ns(name));
    } catch {
      // not created
    }
  }
}

async function startWeb(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", DESCENT_DATABASE_URL: socketUrl, DESCENT_DATA_DIR: dataDir, DESCENT_INSTRUCTOR_TOKEN: "e2e-scale-token" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntil("the Postgres-mode web server", 60_000, async () => {
    if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode} (is port ${PORT} taken? set E2E_SCALE_PORT)`);
    return (await fetch(`${BASE}/api/health`).catch(() => undefined))?.ok;
  });
  return child;
}

async function killWeb() {
  if (!web || web.exitCode !== null || web.signalCode !== null) return;
  const exited = new Promise((resolve) => web!.once("exit", resolve));
  web.kill("SIGKILL");
  await exited;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  setUpHosts();
  cluster = await startCluster({ listen: ["127.0.0.1", ...HOSTS.map((_, i) => dbEnd(i))], trustNetworks: ["10.12.0.0/16"], wrap: ["ip", "netns", "exec", ns("db")] });
  const admin = new pg.Client({ host: cluster.socketDir, port: cluster.port, user: "postgres", database: "postgres" });
  await admin.connect();
  await admin.query("CREATE DATABASE descent");
  await admin.end();
  socketUrl = `postgres://postgres@/descent?host=${encodeURIComponent(cluster.socketDir)}&port=${cluster.port}`;
  dataDir = mkdtempSync(join(tmpdir(), "descent-scale-"));
  web = await startWeb();
  for (let i = 0; i < HOSTS.length; i++) {
    workers.push(await startWorker(`postgres://postgres@${dbEnd(i)}:${cluster.port}/descent`, { wrap: ["ip", "netns", "exec", ns(HOSTS[i]!)], env: { DESCENT_GRADER_EXPIRE_SECONDS: "5" } }));
  }
});

test.afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await killWeb();
  cluster?.stop();
  tearDownHosts();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(n: number): Promise<string> {
  const response = await fetch(`${BASE}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Learner ${n}`, email: `learner${n}@example.org` }) });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

interface Ack {
  id: string;
  learner: number;
  expected: number;
}

/** POSTs until the server acknowledges (2xx), with the same key each time; bounded. */
async function post(cookie: string, code: string, key: string): Promise<{ id: string; status: number }> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await fetch(`${BASE}/api/submissions`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "idempotency-key": key },
      body: JSON.stringify({ exerciseId: EXERCISE.id, code }),
    }).catch(() => undefined);
    // The answer may be cut off mid-body (a killed server): that is a lost answer, and we ask again.
    const body = await response?.text().catch(() => undefined);
    if (response?.ok && body) return { id: (JSON.parse(body) as { id: string }).id, status: response.status };
    if (response && body !== undefined && response.status < 500) throw new Error(`POST /api/submissions: ${response.status} ${body}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`POST /api/submissions with key ${key} was never acknowledged`);
}

test("1,000 submissions on three grader hosts: one killed, one cut off, the web server restarted; each graded once, counted once", async () => {
  test.setTimeout(600_000);
  const dir = join("content", "exercises", EXERCISE.lesson, EXERCISE.id);
  const solution = readFileSync(join(dir, "solution.ts"), "utf8");
  const starter = readFileSync(join(dir, "starter.ts"), "utf8");
  const cookies = await Promise.all(Array.from({ length: CONCURRENCY }, (_, n) => signIn(n)));
  // What each code scores, graded once each before the load: the reference for all 1,000.
  const reference = async (code: string) => {
    const { id } = await post(cookies[0]!, code, `reference-${Math.random()}`);
    const body = await waitUntil("the reference grading", 60_000, async () => {
      const got = (await (await fetch(`${BASE}/api/submissions/${id}`, { headers: { cookie: cookies[0]! } })).json()) as { status: string; score: number; maxScore: number };
      return got.status === "graded" ? got : undefined;
    });
    return body;
  };
  const full = await reference(solution);
  const partial = await reference(starter);
  expect(full.score).toBe(full.maxScore);
  expect(partial.score).toBeLessThan(full.maxScore);

  const acks: Ack[] = [];
  const replays: { first: string; again: string }[] = [];
  const events: string[] = [];
  let issued = 0;
  const chaos = async () => {
    await waitUntil("300 acknowledged submissions", 300_000, async () => acks.length >= 300);
    workers[0]!.child.kill("SIGKILL");
    events.push(`SIGKILL worker on ${HOSTS[0]} at ${acks.length}`);
    await waitUntil("500 acknowledged submissions", 300_000, async () => acks.length >= 500);
    ip("-n", ns("db"), "link", "set", link(1, "a"), "down");
    events.push(`cut ${HOSTS[1]} off the network at ${acks.length}`);
    await waitUntil("650 acknowledged submissions", 300_000, async () => acks.length >= 650);
    await killWeb();
    events.push(`SIGKILL web server at ${acks.length}`);
    web = await startWeb();
    events.push(`web server back at ${acks.length}`);
    await waitUntil("800 acknowledged submissions", 300_000, async () => acks.length >= 800);
    workers[0] = await startWorker(`postgres://postgres@${dbEnd(0)}:${cluster!.port}/descent`, { wrap: ["ip", "netns", "exec", ns(HOSTS[0])], env: { DESCENT_GRADER_EXPIRE_SECONDS: "5" } });
    // The cut-off worker comes back too: whatever it still holds was regraded elsewhere, and its late verdicts must not count.
    ip("-n", ns("db"), "link", "set", link(1, "a"), "up");
    events.push(`worker on ${HOSTS[0]} restarted, ${HOSTS[1]} reconnected at ${acks.length}`);
  };
  const loadStarted = performance.now();
  const chaosDone = chaos();
  await Promise.all(
    cookies.map(async (cookie, learner) => {
      while (issued < TOTAL) {
        const n = issued++;
        const starterCode = n % 3 === 0;
        const key = `load-${n}`;
        const first = await post(cookie, starterCode ? starter : solution, key);
        if (n % 10 === 0) replays.push({ first: first.id, again: (await post(cookie, starterCode ? starter : solution, key)).id });
        acks.push({ id: first.id, learner, expected: starterCode ? partial.score : full.score });
      }
    }),
  );
  await chaosDone;
  events.push(`${TOTAL} acknowledged in ${Math.round(performance.now() - loadStarted)} ms`);
  expect(events).toHaveLength(6);
  expect(acks).toHaveLength(TOTAL);
  for (const { first, again } of replays) expect(again).toBe(first);
  expect(replays.length).toBe(TOTAL / 10);

  // Everything acknowledged is graded, within a bounded wait.
  const db = new pg.Client({ host: cluster!.socketDir, port: cluster!.port, user: "postgres", database: "descent" });
  await db.connect();
  try {
    const ids = acks.map((ack) => ack.id);
    await waitUntil("every acknowledged submission to be graded", 180_000, async () => {
      const { rows } = await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM submissions WHERE id = ANY($1::uuid[]) AND status = 'graded'", [ids]);
      return rows[0]!.n === ids.length;
    });
    const { rows } = await db.query<{ id: string; score: number; verdicts: number; learner_email: string }>("SELECT id, score, verdicts, learner_email FROM submissions WHERE id = ANY($1::uuid[])", [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const wrong = acks.filter((ack) => byId.get(ack.id)?.score !== ack.expected);
    expect(wrong.length, `submissions with the wrong score: ${JSON.stringify(wrong.slice(0, 3))}`).toBe(0);
    expect(rows.filter((row) => row.verdicts !== 1)).toEqual([]);
    // Nothing stored twice, nothing extra: the load's submissions and the two reference ones.
    const total = await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM submissions");
    expect(total.rows[0]!.n).toBe(new Set(ids).size + 2);
    expect(new Set(ids).size).toBe(TOTAL);
    const regraded = await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM submissions WHERE attempts > 1");
    events.push(`${regraded.rows[0]!.n} submission(s) started again after their worker was lost`);
  } finally {
    await db.end();
  }

  // The gradebook counts exactly what each learner was acknowledged.
  const csv = await (await fetch(`${BASE}/api/instructor/gradebook.csv`, { headers: INSTRUCTOR })).text();
  const counts = new Map(csv.trim().split("\r\n").slice(1).map((line) => [line.split(",")[1], Number(line.split(",")[6])]));
  for (let learner = 0; learner < CONCURRENCY; learner++) {
    const expected = acks.filter((ack) => ack.learner === learner).length + (learner === 0 ? 2 : 0);
    expect(counts.get(`learner${learner}@example.org`), `learner ${learner}`).toBe(expected);
  }
  const health = (await (await fetch(`${BASE}/api/health`)).json()) as { mode: string; queue: { queued: number; running: number }; workers: { alive: number; sandboxProcesses: number } };
  expect(health).toMatchObject({ mode: "postgres", queue: { queued: 0, running: 0 }, workers: { sandboxProcesses: 0 } });
  expect(health.workers.alive).toBeGreaterThanOrEqual(2);
  // The instructor sees the workers' heartbeats and an empty queue.
  const page = (await (await fetch(`${BASE}/instructor`, { headers: INSTRUCTOR })).text()).replaceAll("<!-- -->", "");
  const alive = /By grader workers \(npm run grader\) on PostgreSQL: ([2-9]) alive\./.exec(page);
  expect(alive, "the instructor page counts the live workers").not.toBeNull();
  expect(page).toContain("0 waiting, 0 being graded");
  // One row per live worker, as the page's own count says (the cut-off worker's heartbeat may lapse
  // between the health request and this page, so the two requests need not agree).
  expect(page.match(/<td>alive<\/td>/g)?.length ?? 0).toBe(Number(alive![1]));
  console.log(`scale run: ${events.join("; ")}`);
});
