import { describe, expect, test } from "vitest";
import { NODE_BACKENDS, startNodeKernel } from "../../engine/node-host";
import { allClose, caseCell, NUMERIC_CASES, parseCaseOutput } from "../shared/numeric-cases";

describe.each(NODE_BACKENDS)("the %s backend agrees with float64 references within 1e-3", (backend) => {
  for (const { name, code, reference } of NUMERIC_CASES) {
    test(name, async () => {
      const k = await startNodeKernel({ backend });
      expect(k.backend).toBe(backend);
      const reply = await k.kernel.execute({ id: "n", cellName: "cell-1", code: caseCell(code) });
      expect(reply.status, JSON.stringify(reply)).toBe("ok");
      const printed = k.outputs.map((o) => (o.type === "kernel/stream" ? o.text : "")).join("");
      expect(allClose(parseCaseOutput(printed), reference())).toBeUndefined();
    });
  }
});
