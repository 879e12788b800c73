// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkOrder, withBiasedDraws } from "./tests.visible";

declare function shuffledOrder(m: number, uniforms: number[]): number[];

export default defineTests((t, { rng }) => {
  t.test("one example", {
    points: 1,
    input: { m: 1, uniforms: [] as number[] },
    run: withBiasedDraws,
    check: (got, { expect, expected }) => checkOrder(expect, got.order, expected, 1, [], "shuffledOrder(1, [])"),
  });

  const uniforms = rng.array(255, (r) => r.next());
  t.test("an epoch of the lesson's 256 examples", {
    points: 2,
    input: { m: 256, uniforms },
    run: withBiasedDraws,
    check: (got, { expect, expected }) => checkOrder(expect, got.order, expected, 256, uniforms, "shuffledOrder(256, your 255 uniforms)"),
  });

  t.test("every order of three equally often", {
    points: 2,
    input: { trials: 6000 },
    run: ({ trials }) => {
      // Uniforms on a fine grid, so that each of the 3! orders should come up exactly as often.
      const counts: Record<string, number> = {};
      for (let k = 0; k < trials; k++) {
        const order = shuffledOrder(3, [((k % 60) + 0.5) / 60, (Math.floor(k / 60) % 100 + 0.5) / 100]);
        const key = Array.isArray(order) ? order.join("") : String(order);
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    },
    check: (got, { expect }) => {
      const counts = (got ?? {}) as Record<string, number>;
      const orders = ["012", "021", "102", "120", "201", "210"];
      const seen = orders.map((o) => counts[o] ?? 0);
      expect.that(
        seen.every((c) => c === 1000),
        `Over 6,000 evenly spread draws, each of the 6 orders of [0, 1, 2] should come up 1,000 times; yours came up ${orders.map((o, i) => `${o.split("").join("")}: ${seen[i]}`).join(", ")}. Draw j from 0 … i with Math.floor(u · (i + 1)).`,
      );
    },
  });
});
