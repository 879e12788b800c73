// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function numericGradient(f: (x: number[]) => number, x: number[], h?: number): number[];

/**
 * expect.close, but a failure shows ten significant digits: a one-sided difference is off in the fourth
 * digit or later, where expect.close's rounded numbers would read "should be 3, got 3".
 */
export function closeDigits(expect: Expect, got: unknown, want: number[], what: string, abs: number) {
  if (Array.isArray(got) && got.length === want.length && got.every((g) => typeof g === "number" && Number.isFinite(g))) {
    want.forEach((w, i) => {
      const g = got[i] as number;
      expect.that(Math.abs(g - w) <= abs, `${what} at [${i}] should be ${w.toPrecision(10)} (±${abs}), got ${g.toPrecision(10)}`);
    });
  }
  expect.close(got, want, { abs, what });
}

export default defineTests((t, { rng }) => {
  t.test("a cubic", {
    points: 2,
    input: { x: [1, -2] },
    run: ({ x }) => numericGradient((v) => v[0]! ** 3 + 2 * v[1]! ** 2, x, 1e-4),
    check: (got, { expect, expected }) => {
      const what = "numericGradient(v => v[0]³ + 2 v[1]², [1, -2], 1e-4)";
      expect.that(
        !(Array.isArray(got) && typeof got[0] === "number" && Math.abs(got[0] - 6) < 1e-3),
        `${what} gave ${Array.isArray(got) && typeof got[0] === "number" ? got[0].toFixed(4) : got} for the first coordinate, twice the true gradient 3: the central difference spans 2h, so divide by 2h`,
      );
      closeDigits(expect, got, expected, what, 1e-6);
    },
  });

  t.test("central differences are accurate", {
    points: 2,
    input: { x: [2], h: 1e-3 },
    run: ({ x, h }) => numericGradient((v) => v[0]! ** 3, x, h),
    check: (got, { expect, expected }) => {
      const what = "numericGradient(v => v[0]³, [2], 0.001)";
      const first = Array.isArray(got) ? got[0] : undefined;
      expect.that(
        !(typeof first === "number" && Math.abs(first - (2.001 ** 3 - 8) / 1e-3) < 1e-9),
        `${what} gave ${typeof first === "number" ? first.toFixed(6) : first}, the one-sided estimate, off by ${typeof first === "number" ? (first - 12).toFixed(4) : "?"} from the true 12. Use the central difference (f(x + h) - f(x - h)) / 2h: its error is about h² = 1e-6`,
      );
      closeDigits(expect, got, expected, what, 1e-5);
    },
  });

  t.test("leaves x as it was", {
    points: 1,
    input: { x: [0.5, 1.5, -1], h: 0.1 },
    run: (input) => {
      numericGradient((v) => v.reduce((s, a) => s + a * a, 0), input.x, input.h);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "numericGradient" }),
  });

  const a = rng.array(3, (r) => Number(r.uniform(-2, 2).toFixed(2)));
  const x = rng.array(3, (r) => Number(r.uniform(-1, 1).toFixed(2)));
  // f(v) = Σ sin(a_i v_i): the reference solution's estimate of its gradient is the expected answer.
  t.test("your own function", {
    points: 2,
    input: { a, x },
    run: ({ a, x }) => numericGradient((v) => v.reduce((s, vi, i) => s + Math.sin(a[i]! * vi), 0), x, 1e-5),
    check: (got, { expect, expected }) =>
      closeDigits(expect, got, expected, `numericGradient of Σ sin(a_i v_i) with a = [${a.join(", ")}] at [${x.join(", ")}]`, 1e-7),
  });
});
