/**
 * Tensor memory for cells, so a learner never has to think about `tf.tidy`: every tensor a run
 * creates is disposed when the run ends, unless the kernel's scope can still reach it (a top-level
 * variable, or an array, object, Map or Set held by one). Variables are never disposed here.
 * A tensor held only inside a closure cannot be seen, so it is disposed too: the kernel's error
 * message for "Tensor is disposed" says how to keep one.
 */
import type { Tf } from "./tensors";

export interface TensorMemory {
  /** Called before a cell runs. */
  begin(): void;
  /** Called after it ends (however it ends), with the values the kernel's scope holds. */
  end(roots: unknown[]): void;
}

/** How deep to look inside objects for tensors the scope still holds. */
const MAX_DEPTH = 6;
/** How many objects to visit at most; a huge object graph is not worth a slow run end. */
const MAX_VISITS = 100_000;

export function createTensorMemory(tf: Tf): TensorMemory {
  /** Tensors this module kept at the end of a run (not ones the learner kept with tf.keep). */
  let held = new Set<InstanceType<Tf["Tensor"]>>();
  return {
    begin() {
      tf.engine().startScope();
    },
    end(roots) {
      const reachable = reachableTensors(tf, roots);
      const nowHeld = new Set<InstanceType<Tf["Tensor"]>>();
      for (const tensor of reachable) {
        if (held.has(tensor) || !tensor.kept) {
          tf.keep(tensor);
          nowHeld.add(tensor);
        }
      }
      tf.engine().endScope();
      // A tensor an earlier run kept that nothing in scope holds any more (the cell reassigned
      // its variable) is released now, so re-running `w = w.sub(...)` does not leak.
      for (const tensor of held) {
        if (!nowHeld.has(tensor) && !tensor.isDisposed && !(tensor instanceof tf.Variable)) tensor.dispose();
      }
      held = nowHeld;
    },
  };
}

function reachableTensors(tf: Tf, roots: unknown[]): Set<InstanceType<Tf["Tensor"]>> {
  const found = new Set<InstanceType<Tf["Tensor"]>>();
  const seen = new Set<object>();
  let visits = 0;
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > MAX_DEPTH || ++visits > MAX_VISITS) return;
    seen.add(value);
    if (value instanceof tf.Tensor) {
      found.add(value);
      return;
    }
    try {
      // Tags, not instanceof: in Node the cells' Maps and Sets come from another realm.
      const tag = Object.prototype.toString.call(value);
      if (Array.isArray(value)) {
        for (const item of value) visit(item, depth + 1);
      } else if (tag === "[object Map]") {
        Map.prototype.forEach.call(value, (item: unknown, key: unknown) => {
          visit(key, depth + 1);
          visit(item, depth + 1);
        });
      } else if (tag === "[object Set]") {
        Set.prototype.forEach.call(value, (item: unknown) => visit(item, depth + 1));
      } else if (!ArrayBuffer.isView(value)) {
        // Own data properties only: running a learner's getters here could have side effects.
        for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
          if ("value" in descriptor) visit(descriptor.value, depth + 1);
        }
      }
    } catch {
      // A hostile proxy or exotic object: skip it.
    }
  };
  for (const root of roots) visit(root, 0);
  return found;
}
