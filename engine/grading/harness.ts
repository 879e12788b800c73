/**
 * The grading harness: builds an exercise's tests, sends each test's input into the learner's realm
 * (through a `Realm`, which the browser kernel and the server sandbox each provide), and checks what
 * comes back here, outside that realm. The same code grades in the browser and on the server.
 */
import { type Expect, expect, GradingFailure } from "./assert";
import { createRng, type Rng } from "./seed";
import { decodeValue, encodeValue } from "./values";

export interface CheckContext<I> {
  expect: Expect;
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
  check: (got: O, context: CheckContext<I>) => void;
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

export interface TestResult {
  name: string;
  passed: boolean;
  /** What the test is worth; it counts toward the score when passed. */
  points: number;
  /** For the learner: empty when passed. */
  message: string;
}

export interface Grade {
  score: number;
  maxScore: number;
  tests: TestResult[];
}

export const DEFAULT_TIME_LIMIT_MS = 1_000;

export function toProbe(test: TestCase): Probe {
  return {
    run: test.run as (input: unknown) => unknown,
    runSource: String(test.run),
    inputJson: encodeValue(test.input),
    timeLimitMs: test.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  };
}

/** Runs every test's probe in the realm, then checks each answer here. Never throws. */
export async function grade(tests: TestCase[], realm: Realm): Promise<Grade> {
  let outcomes: ProbeOutcome[];
  try {
    outcomes = await realm.probeAll(tests.map(toProbe));
  } catch (error) {
    const message = `The grader could not run your code: ${error instanceof Error ? error.message : String(error)}`;
    outcomes = tests.map(() => ({ stopped: "crashed", message, ms: 0 }));
  }
  const results = tests.map((test, i) => checkOne(test, outcomes[i]));
  return {
    score: results.reduce((sum, result) => sum + (result.passed ? result.points : 0), 0),
    maxScore: results.reduce((sum, result) => sum + result.points, 0),
    tests: results,
  };
}

export function checkOne(test: TestCase, outcome: ProbeOutcome | undefined): TestResult {
  const points = test.points ?? 1;
  const fail = (message: string): TestResult => ({ name: test.name, passed: false, points, message });
  if (!outcome) return fail("This test was not run.");
  if ("stopped" in outcome) return fail(outcome.message);
  let envelope: unknown;
  try {
    envelope = decodeValue(outcome.json);
  } catch {
    return fail("Your code's answer could not be read.");
  }
  if (typeof envelope !== "object" || envelope === null || !("ok" in envelope)) return fail("Your code's answer could not be read.");
  const reply = envelope as { ok: boolean; error?: unknown; value?: unknown; inputAfter?: unknown };
  if (!reply.ok) return fail(`Your code ${String(reply.error)}`);
  try {
    test.check(reply.value, { expect, input: test.input, inputAfter: reply.inputAfter, ms: outcome.ms });
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
