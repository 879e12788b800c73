// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function softmax(logits: number[]): number[];

const list = (z: number[]) => `[${z.join(", ")}]`;

export default defineTests((t, { rng }) => {
  t.test("very negative logits", {
    points: 2,
    input: { logits: [-1000, -1001, -999.5] },
    run: ({ logits }) => softmax(logits),
    check: (got, { expect, expected }) => {
      expect.that(
        !Array.isArray(got) || got.every((p) => Number.isFinite(p)),
        `softmax([-1000, -1001, -999.5]) gave ${Array.isArray(got) ? list(got) : String(got)}: each e^z underflows to 0, and 0 / 0 is NaN; subtract the largest logit first, so that one exponent is exactly 0`,
      );
      expect.close(got, expected, { abs: 1e-9, what: "softmax([-1000, -1001, -999.5])" });
    },
  });

  t.test("logits far apart", {
    points: 2,
    input: { logits: [-800, 0, 800] },
    run: ({ logits }) => softmax(logits),
    check: (got, { expect }) => {
      expect.that(
        Array.isArray(got) && got.every((p) => Number.isFinite(p)),
        `softmax([-800, 0, 800]) gave ${Array.isArray(got) ? list(got) : String(got)}: some exponent was too large; subtract the largest logit, so that every exponent is at most 0`,
      );
      expect.close(got, [0, 0, 1], { abs: 1e-12, what: "softmax([-800, 0, 800])" });
    },
  });

  const base = rng.array(6, (r) => Number(r.uniform(-3, 3).toFixed(2)));
  const shift = rng.int(50, 500);
  t.test("adding a constant changes nothing", {
    points: 2,
    input: { base, shifted: base.map((z) => z + shift) },
    run: ({ base, shifted }) => [softmax(base), softmax(shifted)],
    check: (got, { expect, expected }) => {
      expect.close(got[0], expected[0], { abs: 1e-9, what: `softmax(${list(base)})` });
      expect.close(got[1], expected[0], { abs: 1e-9, what: `softmax of the same logits plus ${shift}` });
    },
  });

  t.test("a single class", {
    points: 1,
    input: { logits: [42] },
    run: ({ logits }) => softmax(logits),
    check: (got, { expect }) => expect.close(got, [1], { abs: 1e-12, what: "softmax([42])" }),
  });

  // The logits are made inside the learner's realm, so that only a summary crosses back.
  const n = 50_000;
  t.test("fifty thousand classes, quickly", {
    points: 2,
    timeLimitMs: 500,
    input: { n },
    run: ({ n }) => {
      const logits = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 100);
      const p = softmax(logits);
      return Array.isArray(p) ? [p.length, p.reduce((a, b) => a + b, 0), p[0], p[12345]] : p;
    },
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, what: "softmax of 50,000 logits (its length, sum, first entry and entry 12345)" });
      expect.within(ms, 250, { what: "softmax of 50,000 logits" });
    },
  });
});
