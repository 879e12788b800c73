/**
 * Per-learner variants: a seed derived from the learner and the exercise, and a small seeded
 * random generator. The same learner always gets the same numbers; two learners get different ones.
 */

/** FNV-1a over the UTF-16 code units: stable, fast, and the same in every JavaScript engine. */
export function hashSeed(...parts: string[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f; // separator, so ("ab", "c") and ("a", "bc") differ
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function learnerSeed(learner: string, exerciseId: string): number {
  return hashSeed(learner, exerciseId);
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** A whole number in [low, high]. */
  int(low: number, high: number): number;
  /** A standard normal draw (Box-Muller). */
  normal(mean?: number, std?: number): number;
  /** One item of the list. */
  pick<T>(items: readonly T[]): T;
  /** `n` values from `draw`. */
  array(n: number, draw: (rng: Rng) => number): number[];
}

/** mulberry32: 32 bits of state, good enough to vary exercise inputs. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    normal: (mean = 0, std = 1) => mean + std * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("rng.pick needs a non-empty list");
      return item;
    },
    array: (n, draw) => Array.from({ length: n }, () => draw(rng)),
  };
  return rng;
}
