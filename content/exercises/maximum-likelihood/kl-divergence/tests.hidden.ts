// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkKl } from "./tests.visible";

declare function klDivergence(p: number[], q: number[]): number;

export default defineTests((t, { rng }) => {
  t.test("a model that rules out what the data show", {
    points: 1,
    input: { p: [0.5, 0.5], q: [1, 0] },
    run: ({ p, q }) => klDivergence(p, q),
    check: (got, { expect }) =>
      expect.that(
        got === Infinity,
        `klDivergence([0.5, 0.5], [1, 0]) should be Infinity, got ${String(got)}: the data show the second outcome half the time, and the model gives it probability 0, so 0.5 · log(0.5 / 0) is infinite`,
      ),
  });

  t.test("not symmetric", {
    points: 2,
    input: { p: [0.1, 0.9], q: [0.5, 0.5] },
    run: ({ p, q }) => ({ kl: klDivergence(p, q), swapped: klDivergence(q, p) }),
    check: (got, { expect, expected }) => {
      checkKl(expect, got.kl, expected, [0.1, 0.9], [0.5, 0.5]);
      checkKl(expect, got.swapped, { kl: expected.swapped, swapped: expected.kl }, [0.5, 0.5], [0.1, 0.9]);
    },
  });

  const pairs = Array.from({ length: 100 }, () => {
    const draw = () => {
      const xs = rng.array(5, (r) => (r.next() < 0.2 ? 0 : r.uniform(0.01, 1)));
      if (!xs.some((x) => x !== 0)) xs[0] = 1;
      const total = xs.reduce((a, b) => a + b, 0);
      return xs.map((x) => x / total);
    };
    // q must be positive wherever p is, so that every divergence is finite.
    const p = draw();
    const q = draw().map((v) => v + 0.01);
    const total = q.reduce((a, b) => a + b, 0);
    return { p, q: q.map((v) => v / total) };
  });
  t.test("a hundred random pairs, never negative", {
    points: 3,
    input: { pairs },
    run: ({ pairs }) => pairs.map(({ p, q }) => klDivergence(p, q)),
    check: (got, { expect, expected }) => {
      expect.close(got, expected, { rel: 1e-9, abs: 1e-12, what: "klDivergence on 100 random pairs of distributions (some with zeros in p)" });
    },
  });

  t.test("leaves the distributions as they were", {
    points: 1,
    input: { p: [0.2, 0.3, 0.5], q: [0.5, 0.3, 0.2] },
    run: (input) => {
      klDivergence(input.p, input.q);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "klDivergence" }),
  });
});
