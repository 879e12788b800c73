// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function shuffledOrder(m: number, uniforms: number[]): number[];

/** The reference shuffle; `range` gives the mistaken variants, so that a wrong order can be named. */
export function fisherYates(m: number, uniforms: number[], range: (i: number) => number = (i) => i + 1): number[] {
  const order = Array.from({ length: m }, (_, i) => i);
  let next = 0;
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor((uniforms[next++] as number) * range(i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}
const list = (xs: number[]) => (xs.length > 12 ? `[${xs.slice(0, 6).join(", ")}, …]` : `[${xs.join(", ")}]`);
const same = (a: unknown, b: number[]) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

export function checkOrder(expect: Expect, got: unknown, m: number, uniforms: number[], what = `shuffledOrder(${m}, ${list(uniforms.map((u) => Number(u.toFixed(3))))})`) {
  const want = fisherYates(m, uniforms);
  if (!same(got, want) && Array.isArray(got)) {
    const sorted = [...got].sort((a, b) => a - b);
    expect.that(sorted.length === m && sorted.every((v, i) => v === i), `${what} gave ${list(got)}, which is not a permutation of 0 … ${m - 1}: every index must appear exactly once (swap entries, do not overwrite them).`);
    expect.that(!same(got, fisherYates(m, uniforms, () => m)), `${what} gave ${list(got)}: j was drawn from all ${m} positions at every step. That shuffle favours some orders; draw j from 0 … i with Math.floor(u · (i + 1)).`);
    expect.that(!same(got, fisherYates(m, uniforms, (i) => i)), `${what} gave ${list(got)}: j was drawn from 0 … i - 1, so no entry can stay where it is. Draw it from 0 … i, i included: Math.floor(u · (i + 1)).`);
  }
  expect.equal(got, want, { what });
}

export default defineTests((t, { rng }) => {
  t.test("two examples", {
    points: 1,
    input: { m: 2, uniforms: [0.3] },
    run: ({ m, uniforms }) => shuffledOrder(m, uniforms),
    check: (got, { expect }) => checkOrder(expect, got, 2, [0.3]),
  });

  const five = [0.1, 0.9, 0.45, 0.6];
  t.test("five examples", {
    points: 3,
    input: { m: 5, uniforms: five },
    run: ({ m, uniforms }) => shuffledOrder(m, uniforms),
    check: (got, { expect }) => checkOrder(expect, got, 5, five),
  });

  const m = rng.int(6, 9);
  const uniforms = rng.array(m - 1, (r) => Number(r.next().toFixed(3)));
  t.test("your own shuffle", {
    points: 2,
    input: { m, uniforms },
    run: (input) => shuffledOrder(input.m, input.uniforms),
    check: (got, { expect }) => checkOrder(expect, got, m, uniforms),
  });
});
