/**
 * The grading harness: builds an exercise's tests, sends each test's input into the learner's realm
 * (through a `Realm`, which the browser kernel and the server sandbox each provide), and checks what
 * comes back here, outside that realm. The same code grades in the browser and on the server.
 */
import { type Expect, expect, GradingFailure } from "./assert";
import { createRng, type Rng } from "./seed";
import { decodeValue, encodeValue } from "./values";
import type { Grade, TestResult } from "../protocol";

export interface CheckContext<I, O = unknown> {
  expect: Expect;
  /**
   * What the reference solution's `run` returned for this input, computed outside the learner's
   * realm (on the server, or at build time for a page). Checks compare against it; a tests file
   * never computes the answer itself, because visible tests ship to learners.
   */
  expected: O;
  /** The input the test passed in. */
  input: I;
  /** The input as it was after the learner's function returned (for "does not mutate its input"). */
  inputAfter: I;
  /** How long the call took, in milliseconds. */
  ms: number;
}

export interface TestSpec<I, O> {
  /** Points the test is worth (default 1). */
  points?: number;
  /** Data for the call: plain JSON-like values (NaN and Infinity allowed), computed outside the learner's realm. */
  input: I;
  /**
   * Runs inside the learner's realm: calls their code with `input` and returns what to check. It must
   * use nothing but its argument and the learner's globals (its source is sent into the sandbox).
   */
  run: (input: I) => O;
  /** Runs outside: throws (through `expect`) with a message for the learner when the answer is wrong. */
  check: (got: O, context: CheckContext<I, O>) => void;
  /** Wall-clock limit for this test's call (default 1000 ms). */
  timeLimitMs?: number;
}

export interface TestCase<I = unknown, O = unknown> extends TestSpec<I, O> {
  name: string;
}

export interface BuildContext {
  /** The learner's seed for this exercise (see seed.ts). */
  seed: number;
  /** A random generator seeded with it: draw the learner's own numbers from it. */
  rng: Rng;
}

export interface TestBuilder {
  test<I, O>(name: string, spec: TestSpec<I, O>): void;
}

export interface TestFile {
  build(seed: number): TestCase[];
}

/** The default export of a tests file: `export default defineTests((t, { rng }) => { t.test(...) })`. */
export function defineTests(factory: (t: TestBuilder, context: BuildContext) => void): TestFile {
  return {
    build(seed) {
      const cases: TestCase[] = [];
      factory({ test: (name, spec) => cases.push({ name, ...(spec as TestSpec<unknown, unknown>) }) }, { seed, rng: createRng(seed) });
      return cases;
    },
  };
}

/** One call into the learner's realm. `runSource` is `run`'s source, for realms that cannot share functions. */
export interface Probe {
  run: (input: unknown) => unknown;
  runSource: string;
  inputJson: string;
  timeLimitMs: number;
}

/** The probe's JSON text, or why there is none (the realm stopped the call). */
export type ProbeOutcome = { json: string; ms: number } | { stopped: "timeout" | "crashed" | "budget"; message: string; ms: number };

/** Where the learner's code runs: the browser kernel, a Node vm (tooling) or the server's sandbox. */
export interface Realm {
  probeAll(probes: Probe[]): Promise<ProbeOutcome[]>;
}

export type { Grade, TestResult } from "../protocol";

export const DEFAULT_TIME_LIMIT_MS = 1_000;

/** Probes by test: a host that keeps its tests (the server, per seed) encodes each input once, not per submission. */
const probes = new WeakMap<TestCase, Probe>();

export function toProbe(test: TestCase): Probe {
  let probe = probes.get(test);
  if (!probe) {
    probe = {
      run: test.run as (input: unknown) => unknown,
      runSource: String(test.run),
      inputJson: encodeValue(test.input),
      timeLimitMs: test.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    };
    probes.set(test, probe);
  }
  return probe;
}

/**
 * What the reference solution answered, per test name: the probe's JSON text. This is the only form
 * in which answers leave the server, so a page or a notebook can check without the solution's code.
 */
export type ExpectedAnswers = Record<string, string>;

async function probeAllSafely(tests: TestCase[], realm: Realm): Promise<ProbeOutcome[]> {
  try {
    return await realm.probeAll(tests.map(toProbe));
  } catch (error) {
    const message = `The grader could not run your code: ${error instanceof Error ? error.message : String(error)}`;
    return tests.map(() => ({ stopped: "crashed", message, ms: 0 }));
  }
}

/**
 * Runs every test's `run` against the reference solution (in a realm holding solution.ts) and
 * keeps what came back. A test the solution cannot answer is an authoring error: it throws.
 */
export async function answersOf(tests: TestCase[], solution: Realm): Promise<ExpectedAnswers> {
  const outcomes = await probeAllSafely(tests, solution);
  const answers: ExpectedAnswers = {};
  tests.forEach((test, i) => {
    const outcome = outcomes[i];
    const reply = outcome && "json" in outcome ? readReply(outcome.json) : undefined;
    if (!outcome || !reply?.ok) {
      const why = !outcome ? "it was not run" : "stopped" in outcome ? outcome.message : reply ? `it ${String(reply.error)}` : "its answer could not be read";
      throw new Error(`the reference solution gave no answer for test "${test.name}": ${why}`);
    }
    answers[test.name] = (outcome as { json: string }).json;
  });
  return answers;
}

/** Runs every test's probe in the realm, then checks each answer here against `answers`. Never throws. */
export async function grade(tests: TestCase[], realm: Realm, answers: ExpectedAnswers): Promise<Grade> {
  const outcomes = await probeAllSafely(tests, realm);
  return toGrade(tests.map((test, i) => checkOne(test, outcomes[i], answers[test.name])));
}

/** What a test is worth: its `points`, 1 when it does not say. */
export const pointsOf = (test: { points?: number }): number => test.points ?? 1;

/** The most a set of tests can score. */
export const maxScoreOf = (tests: { points?: number }[]): number => tests.reduce((sum, test) => sum + pointsOf(test), 0);

/** The score of a set of results: each passed test earns its points. */
export function toGrade<R extends TestResult>(results: R[]): Grade & { tests: R[] } {
  return {
    score: results.reduce((sum, result) => sum + (result.passed ? result.points : 0), 0),
    maxScore: results.reduce((sum, result) => sum + result.points, 0),
    tests: results,
  };
}

interface Reply {
  ok: boolean;
  error?: unknown;
  value?: unknown;
  inputAfter?: unknown;
}

function readReply(json: string): Reply | undefined {
  try {
    const envelope = decodeValue(json);
    return typeof envelope === "object" && envelope !== null && "ok" in envelope ? (envelope as Reply) : undefined;
  } catch {
    return undefined;
  }
}

/** Shown when a page has no expected answer for a test (a seeded test before the learner's numbers arrived). */
export const NO_ANSWER_MESSAGE = "This test's expected answer is not on this device yet: sign in (or go online) once so the course can send your own numbers, then Check again.";

export function checkOne(test: TestCase, outcome: ProbeOutcome | undefined, answer: string | undefined): TestResult {
  const points = pointsOf(test);
  const fail = (message: string): TestResult => ({ name: test.name, passed: false, points, message });
  if (!outcome) return fail("This test was not run.");
  if ("stopped" in outcome) return fail(outcome.message);
  const reply = readReply(outcome.json);
  if (!reply) return fail("Your code's answer could not be read.");
  if (!reply.ok) return fail(`Your code ${String(reply.error)}`);
  const reference = answer === undefined ? undefined : readReply(answer);
  if (!reference?.ok) return fail(NO_ANSWER_MESSAGE);
  try {
    test.check(reply.value, { expect, expected: reference.value, input: test.input, inputAfter: reply.inputAfter, ms: outcome.ms });
    return { name: test.name, passed: true, points, message: "" };
  } catch (error) {
    if (error instanceof GradingFailure) return fail(error.message);
    // A check that trips over an unexpected answer (e.g. reads a field of undefined) still fails cleanly.
    return fail(`Your answer could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Messages for probes the realm had to stop. */
export const stopMessages = {
  timeout: (limitMs: number) => `Stopped after ${limitMs} ms: your code took too long (is there a loop that never ends?)`,
  budget: (limitMs: number) => `Not run: your submission used up its ${limitMs / 1000} s time budget on earlier tests.`,
  crashed: (why: string) => `Your code crashed the grader's sandbox (${why}); it was restarted.`,
};
