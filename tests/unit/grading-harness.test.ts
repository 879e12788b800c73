import { describe, expect as vitestExpect, it } from "vitest";
import { defineTests, expect, grade, GradingFailure, learnerSeed, createRng } from "@/engine/grading";
import { answersOf } from "@/engine/grading/harness";
import { localRealm } from "@/engine/grading/local-realm";
import { gradeInKernel } from "@/engine/grading/kernel-check";
import { decodeValue, encodeValue } from "@/engine/grading/values";
import { installProbe } from "@/engine/grading/probe";
import { nodeRealm } from "@/grader/node-realm.server";

const failure = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    vitestExpect(error).toBeInstanceOf(GradingFailure);
    return (error as Error).message;
  }
  throw new Error("expected a failure");
};

describe("assertions speak to the learner", () => {
  it("compares numbers with absolute or relative tolerance", () => {
    expect.close(1.0000001, 1, { abs: 1e-6 });
    expect.close(1001, 1000, { rel: 0.01 });
    vitestExpect(failure(() => expect.close(1.37, 1, { abs: 1e-6, what: "sum(softmax([1, 2, 3]))" }))).toBe(
      "sum(softmax([1, 2, 3])) should be 1 (±1e-6), got 1.37",
    );
  });

  it("points at the element that differs and flags NaN and Infinity", () => {
    vitestExpect(failure(() => expect.close([[1, 2], [3, 5]], [[1, 2], [3, 4]], { what: "m" }))).toBe("m at [1, 1] should be 4 (±1e-6), got 5");
    vitestExpect(failure(() => expect.close([NaN, 1], [0.5, 0.5], { what: "softmax([1000, 0])" }))).toContain(
      "softmax([1000, 0]) at [0] should be 0.5 (±1e-6), got NaN (an overflow",
    );
    expect.close({ $tensor: [2], values: [1, 2] }, [1, 2]);
  });

  it("reports wrong shapes and wrong kinds of answer", () => {
    vitestExpect(failure(() => expect.close([1, 2, 3], [[1], [2]], { what: "x" }))).toBe("x should have shape [2, 1], got [3]: [1, 2, 3]");
    vitestExpect(failure(() => expect.close(undefined, 1, { what: "f(1)" }))).toBe("f(1) should be a number (1), got undefined: undefined");
    vitestExpect(failure(() => expect.shape({ $tensor: [3, 2], values: [[1, 2], [3, 4], [5, 6]] }, [2, 3], { what: "w" }))).toBe("w should have shape [2, 3], got [3, 2]");
  });

  it("checks that a loss decreases", () => {
    expect.decreases([3, 2, 2.5, 1]);
    vitestExpect(failure(() => expect.decreases([1, 1.5, 2]))).toBe("the loss should decrease: it went from 1 to 2");
    vitestExpect(failure(() => expect.decreases([3, 2, 2.5, 1], { monotonic: true }))).toContain("went up from 2 to 2.5 at step 2");
    vitestExpect(failure(() => expect.decreases([3, Infinity]))).toContain("became Infinity at step 1");
  });

  it("checks that the input was not mutated, and the time budget", () => {
    vitestExpect(failure(() => expect.unchanged([1, 0, 0], [0, 1, 0], { what: "bernoulliNll" }))).toBe(
      "bernoulliNll must not change its input: input[0] was 0, is now 1. Copy it first (e.g. [...xs]) if you need to modify it.",
    );
    vitestExpect(failure(() => expect.within(320, 50, { what: "f" }))).toContain("should finish within 50 ms, took 320 ms");
  });
});

describe("seeds", () => {
  it("give each learner their own, stable numbers", () => {
    vitestExpect(learnerSeed("ada@example.org", "ex")).toBe(learnerSeed("ada@example.org", "ex"));
    vitestExpect(learnerSeed("ada@example.org", "ex")).not.toBe(learnerSeed("bob@example.org", "ex"));
    const a = createRng(learnerSeed("ada@example.org", "ex")).array(5, (r) => r.next());
    vitestExpect(a).toEqual(createRng(learnerSeed("ada@example.org", "ex")).array(5, (r) => r.next()));
    vitestExpect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

declare function softmax(xs: number[]): number[];

const softmaxTests = defineTests((t, { rng }) => {
  const xs = rng.array(3, (r) => r.uniform(-1, 1));
  t.test("sums to one", {
    points: 3,
    input: { xs },
    run: ({ xs }) => softmax(xs),
    check: (got, { expect }) => expect.close((got as number[]).reduce((a, b) => a + b, 0), 1, { what: "the sum of softmax(xs)" }),
  });
  t.test("large inputs", {
    points: 2,
    input: { xs: [1000, 1000] },
    run: ({ xs }) => softmax(xs),
    check: (got, { expect }) => expect.close(got, [0.5, 0.5], { what: "softmax([1000, 1000])" }),
  });
  t.test("keeps its input", {
    input: { xs: [3, 1, 2] },
    run: ({ xs }) => (softmax(xs), null),
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter.xs, input.xs, { what: "softmax" }),
  });
});

const stable = `function softmax(xs: number[]): number[] { const m = Math.max(...xs); const e = xs.map((x) => Math.exp(x - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((x) => x / s); }`;
const naive = `function softmax(xs: number[]) { const e = xs.map(Math.exp); const s = e.reduce((a, b) => a + b, 0); return e.map((x) => x / s); }`;
const sorting = `function softmax(xs: number[]) { xs.sort(); const m = Math.max(...xs); const e = xs.map((x) => Math.exp(x - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((x) => x / s); }`;

/** The reference's answers, as the server computes them from solution.ts. */
const answers = (seed: number) => answersOf(softmaxTests.build(seed), nodeRealm(stable));

describe("grading in a realm", () => {
  it("gives partial credit with a message per test", async () => {
    const result = await grade(softmaxTests.build(7), nodeRealm(naive), await answers(7));
    vitestExpect(result.score).toBe(4);
    vitestExpect(result.maxScore).toBe(6);
    const large = result.tests.find((test) => test.name === "large inputs");
    vitestExpect(large).toMatchObject({ passed: false, points: 2 });
    vitestExpect(large?.message).toBe("softmax([1000, 1000]) at [0] should be 0.5 (±1e-6), got NaN (an overflow, or a log or division by zero?)");
    vitestExpect((await grade(softmaxTests.build(7), nodeRealm(stable), await answers(7))).score).toBe(6);
    const mutated = await grade(softmaxTests.build(7), nodeRealm(sorting), await answers(7));
    vitestExpect(mutated.tests.find((test) => test.name === "keeps its input")?.message).toContain("input[0] was 3, is now 1");
  });

  it("turns errors, missing functions and endless loops into messages", async () => {
    const missing = await grade(softmaxTests.build(1), nodeRealm("const x = 1;"), await answers(1));
    vitestExpect(missing.tests[0]?.message).toBe("Your code threw ReferenceError: softmax is not defined");
    const looping = await grade(softmaxTests.build(1), nodeRealm("function softmax(xs: number[]) { while (true) {} }"), await answers(1));
    vitestExpect(looping.score).toBe(0);
    vitestExpect(looping.tests[0]?.message).toContain("Stopped after 1000 ms");
    const syntax = await grade(softmaxTests.build(1), nodeRealm("function softmax( {"), await answers(1));
    vitestExpect(syntax.tests[0]?.message).toContain("syntax error");
  });

  it("grades in this realm too (the browser kernel's Check), against the answers as data", async () => {
    const softmax = new Function(`return ${stable.replace(": number[]): number[]", ")")}`)() as (xs: number[]) => number[];
    const tests = softmaxTests.build(7);
    const runs = tests.map((test) => (input: unknown) => (test.run as (input: unknown, fn: typeof softmax) => unknown)(input, softmax));
    (globalThis as Record<string, unknown>).softmax = softmax;
    const result = gradeInKernel(tests, runs, { answers: await answers(7), budgetMs: 5_000 }, { stopIfInterrupted: () => undefined });
    const unanswered = gradeInKernel(tests, runs, { answers: {}, budgetMs: 5_000 }, { stopIfInterrupted: () => undefined });
    delete (globalThis as Record<string, unknown>).softmax;
    vitestExpect(result.score).toBe(6);
    vitestExpect(unanswered.tests[0]?.message).toContain("expected answer is not on this device yet");
    vitestExpect(localRealm()).toBeDefined();
  });

  it("never lets an array of undefined pass a comparison vacuously", () => {
    const probe = installProbe({});
    const got = (decodeValue(probe(() => [undefined, undefined], "null")) as { value: unknown[] }).value;
    vitestExpect(got).toHaveLength(2);
    vitestExpect(0 in got).toBe(true);
    vitestExpect(failure(() => expect.close(got, [0.5, 0.25]))).toBe("your answer at [0] should be a number, got undefined: undefined");
    const sparse = [1, 2];
    delete sparse[0];
    vitestExpect(failure(() => expect.close(sparse, [1, 2]))).toContain("at [0] should be a number, got undefined");
  });

  it("round-trips NaN, -0, Infinity and undefined out of the realm", () => {
    const probe = installProbe({});
    const json = probe(() => [NaN, -0, Infinity, undefined, new Float32Array([1.5])], "null");
    vitestExpect(decodeValue(json)).toEqual({ ok: true, value: [NaN, -0, Infinity, undefined, [1.5]], inputAfter: null });
  });

  it("gives a test's input to the code as the host encoded it: NaN, -0 and Infinity, or plain JSON", () => {
    const probe = installProbe({});
    // What the code sees, told as text (so the way back out cannot repair it).
    const describe = (input: unknown) => {
      const { xs, label } = input as { xs: unknown[]; label: string };
      return [...xs.map((x) => (typeof x === "number" ? (Object.is(x, -0) ? "-0" : String(x)) : typeof x)), label];
    };
    const seen = decodeValue(probe(describe, encodeValue({ xs: [NaN, -0, -Infinity, 2], label: "$num" }))) as { value: string[] };
    vitestExpect(seen.value).toEqual(["NaN", "-0", "-Infinity", "2", "$num"]);
    // Plain input (most tests, such as 100,000 flips) parses without the reviver, to the same values.
    const flips = Array.from({ length: 100_000 }, (_, i) => i % 3);
    const plain = decodeValue(probe((input) => (input as { flips: number[] }).flips.reduce((sum, x) => sum + x, 0), encodeValue({ flips }))) as { value: number; inputAfter: { flips: number[] } };
    vitestExpect(plain.value).toBe(flips.reduce((sum, x) => sum + x, 0));
    vitestExpect(plain.inputAfter.flips).toEqual(flips);
  });
});
