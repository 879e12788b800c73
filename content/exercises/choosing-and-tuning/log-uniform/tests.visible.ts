// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function logUniform(u: number, low: number, high: number): number;

export default defineTests((t, { rng }) => {
  t.test("the ends of the range", {
    points: 1,
    input: { us: [0, 1 - 1e-12], low: 1e-4, high: 0.1 },
    run: ({ us, low, high }) => us.map((u) => logUniform(u, low, high)),
    check: (got, { expect, expected }) => {
      const first = Array.isArray(got) ? got[0] : undefined;
      expect.that(
        !(typeof first === "number" && Math.abs(first - Math.exp(-4)) < 1e-9),
        `logUniform(0, 1e-4, 0.1) gave ${typeof first === "number" ? first.toFixed(5) : first} = e⁻⁴: log10 and Math.exp do not undo each other. Use one base: 10 ** (a log10 exponent)`,
      );
      expect.close(got, expected, { rel: 1e-9, what: "logUniform at u = 0 and u = 1 - 1e-12 between 1e-4 and 0.1" });
    },
  });

  t.test("the middle is the geometric mean", {
    points: 2,
    input: { low: 1e-4, high: 1 },
    run: ({ low, high }) => logUniform(0.5, low, high),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "logUniform(0.5, 1e-4, 1)" }),
  });

  const us = Array.from({ length: 300 }, (_, i) => (i + 0.5) / 300);
  t.test("each decade gets its share", {
    points: 2,
    input: { us },
    run: ({ us }) => us.map((u) => logUniform(u, 1e-4, 0.1)),
    check: (got, { expect }) => {
      expect.shape(got, [300], { what: "300 draws of logUniform between 1e-4 and 0.1" });
      const shares = [1e-4, 1e-3, 1e-2].map((lo) => got.filter((r) => r >= lo * (1 - 1e-9) && r < lo * 10 * (1 - 1e-9)).length / got.length);
      expect.that(
        shares.every((s) => Math.abs(s - 1 / 3) < 0.02),
        `of 300 evenly spread u, the shares of rates in [1e-4, 1e-3), [1e-3, 1e-2) and [1e-2, 1e-1) should each be 1/3, got ${shares.map((s) => s.toFixed(2)).join(", ")}: interpolate the exponent, not the rate`,
      );
    },
  });

  const low = Number((10 ** -rng.int(4, 6) * rng.int(1, 9)).toPrecision(1));
  const high = Number((10 ** -rng.int(0, 2) * rng.int(1, 9)).toPrecision(1));
  const u = Number(rng.next().toFixed(3));
  t.test("your own range", {
    points: 2,
    input: { u, low, high },
    run: ({ u, low, high }) => logUniform(u, low, high),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `logUniform(${u}, ${low}, ${high})` }),
  });
});
