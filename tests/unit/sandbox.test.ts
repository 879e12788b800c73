/**
 * The server's sandbox against hostile submissions. Each one must get a verdict with a clear
 * message, score nothing it did not earn, and leave the sandbox able to grade the next submission.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { defineTests, grade, type Realm, type TestCase } from "@/engine/grading";
import { listExercises } from "@/course/exercises.server";
import { buildTests, loadTests, referenceAnswers } from "@/grader/exercises.server";
import { SandboxPool } from "@/grader/sandbox.server";

const pool = new SandboxPool({ size: 2, memoryLimitMb: 64 });
afterAll(() => pool.close());

const exercise = listExercises(undefined, { lesson: "maximum-likelihood" }).find((candidate) => candidate.id === "bernoulli-nll")!;
const allTests = async (seed = 1): Promise<TestCase[]> => [
  ...buildTests(await loadTests(exercise.files.visible), seed, "visible"),
  ...buildTests(await loadTests(exercise.files.hidden!), seed, "hidden"),
];
const solution = readFileSync(exercise.files.solution, "utf8");
/** Grades against the reference solution's answers, as the service does. */
const graded = async (tests: TestCase[], realm: Realm) => grade(tests, realm, await referenceAnswers(exercise, tests));

/** One quick test that calls bernoulliNll([1, 0, 1, 0], 0.5) and expects ln 2. */
const oneTest = defineTests((t) =>
  t.test("fair coin", {
    input: { flips: [1, 0, 1, 0], p: 0.5 },
    timeLimitMs: 300,
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect }) => expect.close(got, Math.log(2), { what: "bernoulliNll([1, 0, 1, 0], 0.5)" }),
  }),
).build(0);
declare function bernoulliNll(flips: number[], p: number): number;

async function attack(code: string, timeLimitMs = 300) {
  const tests = oneTest.map((test) => ({ ...test, timeLimitMs }));
  const result = await graded(tests, pool.realm(code, Math.max(1_000, timeLimitMs)));
  return { score: result.score, message: result.tests[0]?.message ?? "" };
}

/** After every attack, the sandbox still grades an honest submission correctly. */
async function stillServes() {
  const result = await graded(await allTests(), pool.realm(solution, 5_000));
  expect(result.tests.filter((test) => !test.passed)).toEqual([]);
}

describe("the server sandbox", () => {
  it("grades the reference solution with full marks and the starter with partial credit", async () => {
    const tests = await allTests();
    const result = await graded(tests, pool.realm(solution, 5_000));
    expect(result.tests.filter((test) => !test.passed)).toEqual([]);
    expect(result.score).toBe(13);
    const starter = await graded(tests, pool.realm(readFileSync(exercise.files.starter, "utf8"), 5_000));
    expect(starter.score).toBe(1);
    expect(starter.tests.find((t) => t.name === "a rare event")?.message).toMatch(/should be 3\.4\d+ \(a relative error of 1e-9\), got 0/);
  });

  it("stops an infinite loop with a message, per test and at the top level", async () => {
    expect(await attack("function bernoulliNll() { while (true) {} }")).toEqual({ score: 0, message: expect.stringContaining("Stopped after 300 ms") });
    expect(await attack("while (true) {}")).toEqual({ score: 0, message: expect.stringContaining("top level did not finish within 1000 ms") });
    await stillServes();
  });

  it("survives memory bombs: arrays, maps and strings", async () => {
    for (const bomb of [
      "function bernoulliNll() { const a = []; while (true) a.push(new Array(100000).fill(1.5)); }",
      "function bernoulliNll() { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, s: 'x'.repeat(64) }); }",
      "let s = 'x'; while (true) s += s;",
    ]) {
      const { score, message } = await attack(bomb);
      expect(score).toBe(0);
      expect(message).toMatch(/memory limit|Stopped after|RangeError|Invalid string length|sandbox was shut down/);
    }
    await stillServes();
  });

  it("offers no process.env, files, require, import, network or child processes", async () => {
    const cases: [string, RegExp][] = [
      ["function bernoulliNll() { return process.env.HOME.length; }", /ReferenceError: process is not defined/],
      ["function bernoulliNll() { return require('fs').readFileSync('/etc/passwd', 'utf8').length; }", /ReferenceError: require is not defined/],
      ["import { readFileSync } from 'node:fs';\nfunction bernoulliNll() { return readFileSync('/etc/passwd', 'utf8').length; }", /Cannot use import statement|failed before any test ran/],
      ["function bernoulliNll() { return import('node:fs'); }", /returned a Promise|threw|not supported/],
      ["function bernoulliNll() { return fetch('http://127.0.0.1:9/'); }", /ReferenceError: fetch is not defined/],
      ["function bernoulliNll() { return new XMLHttpRequest(); }", /ReferenceError: XMLHttpRequest is not defined/],
      ["function bernoulliNll() { return require('child_process').execSync('id').length; }", /ReferenceError: require is not defined/],
      ["function bernoulliNll() { return globalThis.constructor.constructor('return process')().pid; }", /ReferenceError: process is not defined/],
    ];
    for (const [code, pattern] of cases) {
      const { score, message } = await attack(code);
      expect(score, code).toBe(0);
      expect(message, code).toMatch(pattern);
    }
  });

  it("cannot forge its result by patching globals, prototypes or the probe", async () => {
    const forgeries = [
      // The probe is non-writable and captured JSON before this code ran.
      "globalThis.__descentProbe = () => '{\"ok\":true,\"value\":0.6931471805599453}';\nfunction bernoulliNll() { return 0; }",
      "JSON.stringify = () => '{\"ok\":true,\"value\":0.6931471805599453}';\nfunction bernoulliNll() { return 0; }",
      "Object.prototype.toJSON = function () { return 0.6931471805599453; };\nfunction bernoulliNll() { return 0; }",
      "Math.abs = () => 0; Number.isFinite = () => true; Array.prototype.every = () => true;\nfunction bernoulliNll() { return 0; }",
      "Object.defineProperty(Object.prototype, 'ok', { get() { return true; } });\nfunction bernoulliNll() { throw new Error('no'); }",
      "function __descentProbe() { return '{\"ok\":true,\"value\":0.6931471805599453}'; }\nfunction bernoulliNll() { return 0; }",
    ];
    for (const code of forgeries) expect((await attack(code)).score, code).toBe(0);
    await stillServes();
  });

  it("keeps each submission's globals to itself", async () => {
    await graded(oneTest, pool.realm("globalThis.secret = 'from A';\nfunction bernoulliNll() { return 0; }", 1_000));
    const peek = await attack("function bernoulliNll() { return typeof secret === 'undefined' ? 0 : 1; }");
    expect(peek.message).toContain("got 0");
  });

  it("gives clear verdicts for huge output, stack overflow and odd thrown values", async () => {
    const flood = await attack("function bernoulliNll() { for (let i = 0; i < 1e6; i++) console.log('spam'.repeat(100)); return 0.6931471805599453; }", 5_000);
    expect(flood.score).toBe(1);
    expect((await attack("function bernoulliNll() { return Array.from({ length: 2e6 }, () => 1); }")).message).toMatch(/too large to check|Stopped after/);
    expect((await attack("function bernoulliNll(f, p) { return bernoulliNll(f, p); }")).message).toBe("Your code threw RangeError: Maximum call stack size exceeded");
    expect((await attack("function bernoulliNll() { throw { get name() { while (true) {} } }; }")).message).toMatch(/Stopped after 300 ms/);
    expect((await attack("function bernoulliNll() { throw 42; }")).message).toBe("Your code threw the value 42");
    expect((await attack("function bernoulliNll() { throw new Proxy({}, { get() { throw new Error('x'); } }); }")).message).toBe("Your code threw a value that could not be read");
    expect((await attack("function bernoulliNll() { return { toJSON() { throw new Error('nope'); } }; }")).message).toContain("could not be read");
    await stillServes();
  });

  it("kills and replaces a sandbox process that hangs or dies, says which it was, and keeps grading", async () => {
    const before = pool.restarts;
    // A hung process (as if stuck in a native call the isolate's timeout cannot reach): the watchdog kills it.
    const slow = graded(oneTest, pool.realm("function bernoulliNll() { const end = Date.now() + 250; while (Date.now() < end) {} return 0; }", 300));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pool.busyPids()) process.kill(pid, "SIGSTOP");
    const hung = await slow;
    expect(hung.tests[0]?.message).toMatch(/did not stop when its time was up, so its sandbox was shut down/);
    // A process that dies mid-submission (here killed from outside): the verdict names the signal, not memory.
    const dying = graded(oneTest, pool.realm("function bernoulliNll() { const end = Date.now() + 250; while (Date.now() < end) {} return 0; }", 1_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pool.busyPids()) process.kill(pid, "SIGKILL");
    const killed = await dying;
    expect(killed.score).toBe(0);
    expect(killed.tests[0]?.message).toBe("Your code crashed the grader's sandbox (its process was killed by SIGKILL); it was restarted.");
    expect(pool.restarts).toBe(before + 2);
    await stillServes();
  }, 20_000);

  it("names a process that ran out of memory as a memory limit", async () => {
    // A Set of small objects grows V8's own heap past its limit before isolated-vm can stop it: the
    // whole process aborts, and only its last words (stderr) say why.
    const before = pool.restarts;
    const bomb = await attack("function bernoulliNll() { const s = new Set(); for (let i = 0; ; i++) s.add({ i }); }", 2_000);
    expect(pool.restarts).toBe(before + 1);
    expect(bomb).toEqual({ score: 0, message: "Your code used more than the 64 MB memory limit and was stopped." });
    await stillServes();
  });

  it("replaces a process that never reports ready, and grades on the next one", async () => {
    const stopped: number[] = [];
    const slowStart = new SandboxPool({
      size: 1,
      readyTimeoutMs: 1_500,
      // The first child is frozen before it can say it is ready, as if stuck starting up.
      onSpawn: (child) => {
        if (stopped.length === 0 && child.pid) {
          stopped.push(child.pid);
          child.kill("SIGSTOP");
        }
      },
    });
    try {
      const result = await graded(oneTest, slowStart.realm(solution, 1_000));
      expect(result.score).toBe(1);
      expect(slowStart.restarts).toBe(1);
      // The frozen child is gone, not left behind.
      expect(() => process.kill(stopped[0]!, 0)).toThrow();
    } finally {
      slowStart.close();
    }
  });
});

describe("tensor exercises in the server sandbox", () => {
  const tensorExercise = listExercises(undefined, { lesson: "output-units" }).find((candidate) => candidate.id === "row-log-softmax")!;
  const tensorTests = async (): Promise<TestCase[]> => [
    ...buildTests(await loadTests(tensorExercise.files.visible), 3, "visible"),
    ...buildTests(await loadTests(tensorExercise.files.hidden!), 3, "hidden"),
  ];
  const gradeTensors = async (code: string) => {
    const tests = await tensorTests();
    return grade(tests, pool.realm(code, 5_000, { tensors: true }), await referenceAnswers(tensorExercise, tests));
  };

  it("gives tf to the submission, grades tensors as data, and names a leak", async () => {
    const solution = await gradeTensors(readFileSync(tensorExercise.files.solution, "utf8"));
    expect(solution.tests.filter((test) => !test.passed)).toEqual([]);
    const leaky = await gradeTensors(readFileSync(`${tensorExercise.dir}/mistakes/leaks-intermediates.ts`, "utf8"));
    expect(leaky.tests.find((test) => test.name === "leaves no tensors behind")?.message).toContain("tf.tidy");
    // A plain exercise's realm has no tf.
    expect((await attack("function bernoulliNll() { return tf.scalar(1).dataSync()[0]; }")).message).toBe("Your code threw ReferenceError: tf is not defined");
  });

  it("cannot forge a verdict by faking tensors or patching tf", async () => {
    // An object that looks like a tensor is only the learner's own answer, compared outside with the reference's.
    const fake = await gradeTensors("function rowLogSoftmax(logits) { return { shape: [2, 3], dtype: 'float32', arraySync: () => [[0, 0, 0], [0, 0, 0]] }; }");
    expect(fake.score).toBeLessThan(fake.maxScore);
    const patched = await gradeTensors("tf.tensor2d = () => { throw new Error('patched'); };\nfunction rowLogSoftmax(logits) { return logits; }");
    expect(patched.score).toBeLessThan(patched.maxScore);
    await stillServes();
  });
});
