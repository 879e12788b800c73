// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function bernoulliNll(flips: number[], p: number): number;

export default defineTests((t, { rng }) => {
  t.test("a fair coin", {
    points: 2,
    input: { flips: [1, 0, 1, 0], p: 0.5 },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    // A property of any right answer (at p = 0.5 every flip costs log 2), not the reference's value: it
    // also catches a broken reference solution, which check:content must report.
    check: (got, { expect }) => expect.close(got, Math.log(2), { abs: 1e-9, what: "bernoulliNll([1, 0, 1, 0], 0.5)" }),
  });

  t.test("averages over the flips", {
    points: 2,
    input: { flips: [1, 1, 0], p: 0.6 },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect, expected, input }) => {
      const total = input.flips.length * expected;
      expect.that(
        typeof got !== "number" || Math.abs(got - total) > 1e-9,
        `bernoulliNll([1, 1, 0], 0.6) gave ${total.toFixed(4)}, the total over the flips: divide it by the number of flips to get the mean`,
      );
      expect.close(got, expected, { abs: 1e-9, what: "bernoulliNll([1, 1, 0], 0.6)" });
    },
  });

  t.test("leaves the flips as they were", {
    points: 1,
    input: { flips: [1, 0, 1, 1, 0], p: 0.3 },
    run: (input) => {
      bernoulliNll(input.flips, input.p);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter.flips, input.flips, { what: "bernoulliNll" }),
  });

  const flips = rng.array(10, (r) => (r.next() < 0.6 ? 1 : 0));
  const p = Number(rng.uniform(0.2, 0.8).toFixed(2));
  t.test("your own flips", {
    points: 2,
    input: { flips, p },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `bernoulliNll([${flips.join(", ")}], ${p})` }),
  });
});
