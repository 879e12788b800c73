// Visible tests: shown to learners and run by **Check** in their browser.
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

const globalNorm = (grads: unknown) =>
  Array.isArray(grads) ? Math.sqrt(grads.flat().reduce((sum: number, x) => sum + (typeof x === "number" ? x * x : NaN), 0)) : NaN;
const list = (grads: number[][]) => `[${grads.map((g) => `[${g.join(", ")}]`).join(", ")}]`;

export default defineTests((t, { rng }) => {
  t.test("a single gradient", {
    points: 2,
    input: { grads: [[3, 4]], c: 1 },
    run: ({ grads, c }) => clipGlobalNorm(grads, c),
    check: (got, { expect, expected }) => {
      const norm = globalNorm(got);
      const clamped = Array.isArray(got) && JSON.stringify(got) === "[[1,1]]";
      expect.that(
        !clamped,
        `clipGlobalNorm([[3, 4]], 1) gave [[1, 1]]: it clipped each number separately, so the norm is ${Math.SQRT2.toFixed(2)} and the direction changed. Scale the whole vector by 1 / 5 instead`,
      );
      expect.that(Math.abs(norm - 1) < 1e-9, `clipGlobalNorm([[3, 4]], 1) should have norm 1, got ${norm.toFixed(2)}`);
      closeArrays(expect, got, expected, "clipGlobalNorm([[3, 4]], 1)", { abs: 1e-12 });
    },
  });

  const grads = [[3, 0], [0, 0, 4]];
  t.test("one factor for all the gradients", {
    points: 2,
    input: { grads, c: 2.5 },
    run: ({ grads, c }) => clipGlobalNorm(grads, c),
    check: (got, { expect, expected }) => {
      const what = `clipGlobalNorm(${list(grads)}, 2.5)`;
      const first = Array.isArray(got) && Array.isArray(got[0]) ? got[0][0] : undefined;
      const last = Array.isArray(got) && Array.isArray(got[1]) ? got[1][2] : undefined;
      expect.that(
        !(typeof first === "number" && typeof last === "number" && Math.abs(first / last - 0.75) > 1e-6),
        `${what} gave ${typeof first === "number" ? first.toFixed(3) : first} and ${typeof last === "number" ? last.toFixed(3) : last} where the input had 3 and 4: their ratio changed, so the direction did. The global norm is 5 (all numbers together): use one factor for all the arrays, 2.5 / 5`,
      );
      closeArrays(expect, got, expected, what, { abs: 1e-12 });
    },
  });

  t.test("small gradients pass through", {
    points: 1,
    input: { grads: [[0.3], [-0.4, 0]], c: 1 },
    run: ({ grads, c }) => clipGlobalNorm(grads, c),
    check: (got, { expect, expected }) => {
      const norm = globalNorm(got);
      expect.that(
        Math.abs(norm - 0.5) < 1e-9,
        `clipGlobalNorm([[0.3], [-0.4, 0]], 1) has norm ${norm.toFixed(3)}: a gradient whose norm (0.5) is already within maxNorm should be left alone`,
      );
      closeArrays(expect, got, expected, "clipGlobalNorm([[0.3], [-0.4, 0]], 1)", { abs: 1e-12 });
    },
  });

  t.test("leaves its input as it was", {
    points: 1,
    input: { grads: [[6, 8], [0]], c: 1 },
    run: (input) => {
      clipGlobalNorm(input.grads, input.c);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "clipGlobalNorm" }),
  });

  const own = Array.from({ length: rng.int(2, 4) }, () => rng.array(rng.int(1, 4), (r) => Number(r.normal(0, 3).toFixed(2))));
  const c = rng.pick([0.5, 1, 2]);
  t.test("your own gradients", {
    points: 2,
    input: { grads: own, c },
    run: ({ grads, c }) => clipGlobalNorm(grads, c),
    check: (got, { expect, expected }) => closeArrays(expect, got, expected, `clipGlobalNorm(${list(own)}, ${c})`, { abs: 1e-12 }),
  });
});
