/**
 * The kernel's Web Worker entry: one per lesson page. It keeps private handles on the message
 * channel, walls off everything else (see sandbox.ts), and then runs cells as the page asks.
 */
import { Kernel } from "./kernel";
import { type FromKernel, toKernelSchema } from "./protocol";
import { lockDown } from "./sandbox";
import { initTensors } from "./tensors";

declare const self: DedicatedWorkerGlobalScope & typeof globalThis;

const post: (message: FromKernel) => void = self.postMessage.bind(self);
const diagnostics = self.console;
let kernel: Kernel | undefined;
let starting: Promise<Kernel> | undefined;

async function start(interruptBuffer: SharedArrayBuffer | undefined): Promise<Kernel> {
  const { tf, backend } = await initTensors();
  const instance = new Kernel({
    scope: self,
    evaluate: (js, filename) => (0, eval)(`${js}\n//# sourceURL=${filename}`),
    emit: post,
    ...(interruptBuffer ? { interruptFlag: new Int32Array(interruptBuffer) } : {}),
    globals: { tf },
  });
  post({ type: "kernel/ready", backend });
  return instance;
}

self.addEventListener("message", (event: MessageEvent) => {
  const parsed = toKernelSchema.safeParse(event.data);
  if (!parsed.success) {
    diagnostics.warn("kernel: dropped a malformed message", parsed.error.issues);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case "kernel/init":
      starting ??= start(message.interruptBuffer).then((instance) => (kernel = instance));
      break;
    case "kernel/execute":
      void (starting ?? Promise.reject(new Error("kernel/execute before kernel/init"))).then(async (instance) =>
        post(await instance.execute(message)),
      );
      break;
    case "kernel/interrupt":
      kernel?.interrupt();
      break;
  }
});

// Errors from a cell's timers or stray promises land in the cell that ran last, not the console.
self.addEventListener("error", (event: ErrorEvent) => {
  event.preventDefault();
  self.console.error(`Uncaught ${event.message}`);
});
self.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) => {
  event.preventDefault();
  const reason: unknown = event.reason;
  self.console.error(`Uncaught (in promise) ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
});

lockDown(self);
