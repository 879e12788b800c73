// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function klDivergence(p: number[], q: number[]): number;

const crossEntropy = (p: number[], q: number[]) => p.reduce((s, pi, i) => (pi === 0 ? s : s - pi * Math.log(q[i] as number)), 0);
const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const list = (xs: number[]) => `[${xs.map(short).join(", ")}]`;

/** What a test's `run` returns: the divergence, and the one with the arguments swapped (to name that mistake). */
export interface Divergences {
  kl: unknown;
  swapped: unknown;
}

/**
 * Both directions, KL(p ‖ q) and KL(q ‖ p); for the reference solution's answer, the swapped one names
 * the mistake of weighting by the model. A learner's swapped value is never judged, so it may throw.
 */
export const bothWays = ({ p, q }: { p: number[]; q: number[] }): Divergences => {
  const kl = klDivergence(p, q);
  let swapped: unknown;
  try {
    swapped = klDivergence(q, p);
  } catch {
    swapped = undefined;
  }
  return { kl, swapped };
};

/** The learner's divergence against the reference solution's (`expected`), naming the usual mistakes first. */
export function checkKl(expect: Expect, got: unknown, expected: Divergences, p: number[], q: number[], what = `klDivergence(${list(p)}, ${list(q)})`) {
  const want = expected.kl as number;
  const swapped = typeof expected.swapped === "number" ? expected.swapped : NaN;
  expect.that(
    !(typeof got === "number" && Number.isNaN(got)),
    `${what} gave NaN, but it is ${short(want)}: an outcome with p = 0 gives 0 * Math.log(0) = 0 * -Infinity = NaN in JavaScript. By the convention 0 · log 0 = 0 such a term adds nothing: skip it.`,
  );
  expect.that(
    near(got, want) || !near(got, crossEntropy(p, q)),
    `${what} gave ${short(got as number)}, the cross-entropy H(p, q): the KL divergence is the cross-entropy minus the data's entropy H(p) = ${short(crossEntropy(p, p))}, so Σ p·log(p/q), not -Σ p·log q.`,
  );
  expect.that(
    near(got, want) || !(q.every((v) => v > 0) && near(got, swapped)),
    `${what} gave ${short(got as number)}, which is KL(q ‖ p): the divergence is not symmetric, and the terms are weighted by the data's probabilities p, as Σ p·log(p/q).`,
  );
  expect.close(got, want, { rel: 1e-9, abs: 1e-12, what });
}

export default defineTests((t, { rng }) => {
  t.test("identical distributions", {
    points: 2,
    input: { p: [0.25, 0.25, 0.5], q: [0.25, 0.25, 0.5] },
    run: bothWays,
    check: (got, { expect, expected }) => checkKl(expect, got.kl, expected, [0.25, 0.25, 0.5], [0.25, 0.25, 0.5]),
  });

  t.test("the lesson's coin", {
    points: 2,
    input: { p: [8 / 12, 4 / 12], q: [0.9, 0.1] },
    run: bothWays,
    check: (got, { expect, expected }) => checkKl(expect, got.kl, expected, [8 / 12, 4 / 12], [0.9, 0.1], "klDivergence([8/12, 4/12], [0.9, 0.1])"),
  });

  t.test("an outcome the data never show", {
    points: 2,
    input: { p: [0.5, 0.5, 0], q: [0.4, 0.4, 0.2] },
    run: bothWays,
    check: (got, { expect, expected }) => checkKl(expect, got.kl, expected, [0.5, 0.5, 0], [0.4, 0.4, 0.2]),
  });

  const normalise = (xs: number[]) => {
    const total = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => Number((x / total).toFixed(3)));
  };
  const raw = normalise(rng.array(4, (r) => r.uniform(0.1, 1)));
  const p = [...raw.slice(0, 3), Number((1 - raw.slice(0, 3).reduce((a, b) => a + b, 0)).toFixed(3))];
  const rawQ = normalise(rng.array(4, (r) => r.uniform(0.1, 1)));
  const q = [...rawQ.slice(0, 3), Number((1 - rawQ.slice(0, 3).reduce((a, b) => a + b, 0)).toFixed(3))];
  t.test("your own distributions", {
    points: 2,
    input: { p, q },
    run: bothWays,
    check: (got, { expect, expected }) => checkKl(expect, got.kl, expected, p, q),
  });
});
