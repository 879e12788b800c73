// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests, type Expect, type Tolerance } from "@/engine/grading";

declare function clipGlobalNorm(grads: number[][], maxNorm: number): number[][];

/** Arrays of different lengths, compared array by array (expect.close needs a rectangular shape). */
function closeArrays(expect: Expect, got: unknown, want: number[][], what: string, tolerance: Tolerance) {
  expect.that(
    Array.isArray(got) && got.length === want.length && got.every((g) => Array.isArray(g)),
    `${what} should be a list of ${want.length} arrays, like its input, got ${JSON.stringify(got)?.slice(0, 80)}`,
  );
  want.forEach((w, k) => expect.close((got as unknown[])[k], w, { ...tolerance, what: `${what}, gradient ${k},` }));
}

export default defineTests((t, { rng }) => {
  const sizes = [784 * 16, 16, 16 * 10, 10];
  const grads = sizes.map((n) => rng.array(n, (r) => r.normal(0, 0.5)));
  const norm = Math.sqrt(grads.flat().reduce((s, x) => s + x * x, 0));
  const c = Number((norm / 4).toFixed(3));
  t.test("a small network's gradients", {
    points: 3,
    timeLimitMs: 2_000,
    input: { grads, c },
    run: ({ grads, c }) => {
      const clipped = clipGlobalNorm(grads, c);
      return { shapes: clipped.map((g) => g.length), norm: Math.sqrt(clipped.flat().reduce((s, x) => s + x * x, 0)), first: clipped[0]![0]!, last: clipped[3]![9]! };
    },
    check: (got, { expect, expected }) => {
      expect.equal(got?.shapes, sizes, { what: "the lengths of the clipped gradients (784·16, 16, 16·10, 10 numbers)" });
      expect.close(got?.norm, c, { rel: 1e-9, what: `the global norm after clipping to ${c}` });
      expect.close([got?.first, got?.last], [expected.first, expected.last], { rel: 1e-9, what: "the first and last clipped numbers" });
    },
  });

  t.test("a norm exactly at the limit", {
    points: 1,
    input: {},
    run: () => clipGlobalNorm([[0, 3], [4]], 5),
    check: (got, { expect, expected }) => closeArrays(expect, got, expected, "clipGlobalNorm([[0, 3], [4]], 5)", { abs: 1e-12 }),
  });

  t.test("all-zero gradients", {
    points: 1,
    input: {},
    run: () => clipGlobalNorm([[0, 0], [0]], 1),
    check: (got, { expect, expected }) => closeArrays(expect, got, expected, "clipGlobalNorm([[0, 0], [0]], 1) (a zero gradient has nothing to clip; watch out for 0 / 0)", { abs: 0 }),
  });
});
