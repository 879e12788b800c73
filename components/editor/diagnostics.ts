/**
 * What the editor tells TypeScript to ignore in cells, in a module of its own so that the lesson
 * type check (tests/unit/lesson-types.test.ts) ignores exactly the same diagnostics.
 */

/** Diagnostics that are wrong for notebook cells, which are scripts sharing one global scope. */
export const IGNORED_DIAGNOSTICS: readonly number[] = [
  1375, // 'await' at top level of a non-module: cells run in an async wrapper
  1378, // top-level 'await' needs module/target settings: same reason
  2451, // cannot redeclare block-scoped variable: re-running or redefining across cells is allowed
  2300, // duplicate identifier: same reason
  2393, // duplicate function implementation: same reason
];
