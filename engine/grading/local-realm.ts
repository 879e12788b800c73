/**
 * A realm that is this one: the learner's functions are globals of the realm the harness runs in.
 * Used by the notebook check (tslab), where the learner grades their own code on their own
 * machine, so there is nothing to protect; the server uses its sandbox instead.
 */
import type { Realm } from "./harness";
import { installProbe, PROBE_OUTPUT_LIMIT } from "./probe";

/** With `tfjs`, each call's tensors are disposed after its answer is read. */
export function localRealm(tfjs?: unknown): Realm {
  const probe = installProbe({}, PROBE_OUTPUT_LIMIT, tfjs);
  const now = () => (typeof performance === "undefined" ? Date.now() : performance.now());
  return {
    async probeAll(probes) {
      return probes.map((p) => {
        const started = now();
        const json = probe(p.run, p.inputJson);
        return { json, ms: now() - started };
      });
    },
  };
}
