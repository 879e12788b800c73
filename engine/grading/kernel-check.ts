/**
 * **Check** in the browser: the page runs the learner's code as a cell, then a second cell holding
 * this module bundled with the exercise's visible tests (see grader/bundle.server.ts). That cell's
 * value is the grade, as base64 JSON, so it passes through the kernel's text formatting unchanged.
 */
import { type Grade, grade, type TestFile } from "./harness";
import { localRealm } from "./local-realm";

/** The global the bundle assigns; the check cell ends with `await __descentCheck(seed)`. */
export const CHECK_GLOBAL = "__descentCheck";

export async function checkInKernel(tests: TestFile, seed: number): Promise<string> {
  const result = await grade(tests.build(seed), localRealm());
  const bytes = new TextEncoder().encode(JSON.stringify(result));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `descent-grade:${btoa(binary)}`;
}

/** Reads the grade back from the cell's text/plain value (a quoted string). */
export function readKernelGrade(text: string): Grade | undefined {
  const match = /descent-grade:([A-Za-z0-9+/=]+)/.exec(text);
  if (!match?.[1]) return undefined;
  const binary = atob(match[1]);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as Grade).tests)) return undefined;
  return parsed as Grade;
}
