/**
 * Learner code as the server runs it: TypeScript with its types stripped, as a classic script, so
 * its top-level functions and constants are visible to the probes that run after it.
 */
import "server-only";
import { transform } from "sucrase";

export type Compiled = { ok: true; js: string } | { ok: false; message: string };

export function compileLearnerCode(code: string): Compiled {
  try {
    return { ok: true, js: transform(code, { transforms: ["typescript"], disableESTransforms: true }).code };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Your code has a syntax error: ${message.replace(/^Error transforming [^:]*: /, "")}` };
  }
}
