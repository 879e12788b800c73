/**
 * **Check** in the browser: the page runs the learner's code as a cell, then a second cell holding
 * this module bundled with the exercise's visible tests (see grader/exercises.server.ts). That cell's
 * value is the grade as hex-encoded JSON, which passes through the kernel's text formatting
 * unchanged and needs no TextEncoder or btoa (absent from some hosts).
 */
import { type Grade, grade, type TestFile } from "./harness";
import { localRealm } from "./local-realm";

const PREFIX = "descent-grade:";

/** The check cell's code: the bundle (which defines `__descentCheck`), then the call whose value is the grade. */
export function checkCellCode(bundle: string, seed: number): string {
  return `${bundle}\n;await __descentCheck.check(${seed >>> 0})`;
}

export async function checkInKernel(tests: TestFile, seed: number): Promise<string> {
  const result = await grade(tests.build(seed), localRealm());
  // Non-ASCII becomes \uXXXX inside the JSON, so every char code is below 128: two hex digits each.
  const ascii = JSON.stringify(result).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  let hex = "";
  for (let i = 0; i < ascii.length; i++) hex += ascii.charCodeAt(i).toString(16).padStart(2, "0");
  return PREFIX + hex;
}

/** Reads the grade back from the check cell's text/plain value. */
export function readKernelGrade(text: string): Grade | undefined {
  const match = /descent-grade:([0-9a-f]*)/.exec(text);
  if (!match?.[1]) return undefined;
  let ascii = "";
  for (let i = 0; i < match[1].length; i += 2) ascii += String.fromCharCode(parseInt(match[1].slice(i, i + 2), 16));
  const parsed: unknown = JSON.parse(ascii);
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as Grade).tests)) return undefined;
  return parsed as Grade;
}
