// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function shuffledOrder(m: number, uniforms: number[]): number[];

/** What a test's `run` returns: the order, and the orders of the two usual biased shuffles (to name those mistakes). */
export interface Orders {
  order: unknown;
  allM: unknown;
  neverStays: unknown;
}

/**
 * The learner's order and, from the reference solution, the orders it gives when each j is instead drawn
 * from all m positions or from 0 … i - 1: uniforms u' = (j + 0.5) / (i + 1) make it pick exactly that j.
 * A learner's biased orders are never judged, so they may throw.
 */
export const withBiasedDraws = ({ m, uniforms }: { m: number; uniforms: number[] }): Orders => {
  const order = shuffledOrder(m, uniforms);
  const drawing = (range: (i: number) => number): unknown => {
    try {
      return shuffledOrder(m, uniforms.map((u, k) => (Math.floor(u * range(m - 1 - k)) + 0.5) / (m - k)));
    } catch {
      return undefined;
    }
  };
  return { order, allM: drawing(() => m), neverStays: drawing((i) => i) };
};
const list = (xs: number[]) => (xs.length > 12 ? `[${xs.slice(0, 6).join(", ")}, …]` : `[${xs.join(", ")}]`);
const same = (a: unknown, b: number[]) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

/** The learner's order against the reference solution's (`expected`), naming the usual mistakes first. */
export function checkOrder(expect: Expect, got: unknown, expected: Orders, m: number, uniforms: number[], what = `shuffledOrder(${m}, ${list(uniforms.map((u) => Number(u.toFixed(3))))})`) {
  const want = expected.order as number[];
  const biased = (order: unknown) => (Array.isArray(order) ? (order as number[]) : []);
  if (!same(got, want) && Array.isArray(got)) {
    const sorted = [...got].sort((a, b) => a - b);
    expect.that(sorted.length === m && sorted.every((v, i) => v === i), `${what} gave ${list(got)}, which is not a permutation of 0 … ${m - 1}: every index must appear exactly once (swap entries, do not overwrite them).`);
    expect.that(!same(got, biased(expected.allM)), `${what} gave ${list(got)}: j was drawn from all ${m} positions at every step. That shuffle favours some orders; draw j from 0 … i with Math.floor(u · (i + 1)).`);
    expect.that(!same(got, biased(expected.neverStays)), `${what} gave ${list(got)}: j was drawn from 0 … i - 1, so no entry can stay where it is. Draw it from 0 … i, i included: Math.floor(u · (i + 1)).`);
  }
  expect.equal(got, want, { what });
}

export default defineTests((t, { rng }) => {
  t.test("two examples", {
    points: 1,
    input: { m: 2, uniforms: [0.3] },
    run: withBiasedDraws,
    check: (got, { expect, expected }) => checkOrder(expect, got.order, expected, 2, [0.3]),
  });

  const five = [0.1, 0.9, 0.45, 0.6];
  t.test("five examples", {
    points: 3,
    input: { m: 5, uniforms: five },
    run: withBiasedDraws,
    check: (got, { expect, expected }) => checkOrder(expect, got.order, expected, 5, five),
  });

  const m = rng.int(6, 9);
  const uniforms = rng.array(m - 1, (r) => Number(r.next().toFixed(3)));
  t.test("your own shuffle", {
    points: 2,
    input: { m, uniforms },
    run: withBiasedDraws,
    check: (got, { expect, expected }) => checkOrder(expect, got.order, expected, m, uniforms),
  });
});
