// The tslab kernel under Debian's Jupyter, as the sections that compare against it need it.
import { join } from "node:path";

/**
 * Installs Debian's Jupyter when missing and registers the tslab kernel (scripts/notebooks-kernel.mjs);
 * the reason it could not, or undefined. Every section that runs tslab calls it: `--only` runs one alone.
 */
export async function prepareTslab(root) {
  const { ensureJupyter, registerKernel } = await import(join(root, "scripts", "notebooks-kernel.mjs")).catch((error) => ({ error }));
  if (!registerKernel) return `scripts/notebooks-kernel.mjs (npm run notebooks:kernel) is not available: tslab kernel cannot be registered`;
  try {
    ensureJupyter();
    registerKernel();
  } catch (error) {
    return `tslab kernel could not be registered: ${error.message}`;
  }
  return undefined;
}
