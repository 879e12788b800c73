// Drives two workers on one page: the course's kernel (public/engine/kernel.js, through the
// protocol in engine/protocol.ts) and a bare tfjs worker. Both get the same code strings; the time
// is taken on the page, from posting the request to the reply, the same way for both.
(() => {
  let nextId = 0;

  function request(worker, message, isReply) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${message.type} within 120 s`)), 120_000);
      const onMessage = (event) => {
        if (!isReply(event.data)) return;
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        resolve(event.data);
      };
      worker.addEventListener("message", onMessage);
      worker.postMessage(message);
    });
  }

  const workers = {};
  const problems = [];

  /** `interruptible`: give the kernel the shared interrupt flag, as the lesson page does when cross-origin isolated. */
  async function startOurs(backend, interruptible = false) {
    const worker = new Worker("/engine/kernel.js");
    worker.addEventListener("message", (event) => {
      if (event.data?.type === "kernel/backend") {
        if (event.data.problem) problems.push(event.data.problem);
        if (event.data.probe) window.__probe = event.data.probe;
      }
    });
    const init = { type: "kernel/init", backend, ...(interruptible ? { interruptBuffer: new SharedArrayBuffer(4) } : {}) };
    const ready = await request(worker, init, (m) => m?.type === "kernel/ready");
    workers.ours = worker;
    return ready.backend;
  }

  async function startBare(backend) {
    const worker = new Worker("/build/bare-worker.js");
    const id = `init-${++nextId}`;
    const ready = await request(worker, { type: "init", id, backend }, (m) => m?.id === id);
    if (ready.type === "error") throw new Error(ready.message);
    workers.bare = worker;
    return ready.backend;
  }

  async function run(which, code) {
    const worker = workers[which];
    const id = `bench-${++nextId}`;
    const start = performance.now();
    const reply =
      which === "ours"
        ? await request(worker, { type: "kernel/execute", id, cellName: "bench", code }, (m) => m?.type === "kernel/execute-reply" && m.id === id)
        : await request(worker, { type: "run", id, code }, (m) => m?.id === id);
    const ms = performance.now() - start;
    if (reply.status === "error") throw new Error(`kernel: ${reply.error.name}: ${reply.error.message}`);
    if (reply.type === "error") throw new Error(`bare worker: ${reply.message}`);
    return ms;
  }

  /** Runs code in our kernel and returns the text of its last expression's value. */
  async function value(which, code) {
    const worker = workers[which];
    const id = `bench-${++nextId}`;
    const reply = await request(worker, { type: "kernel/execute", id, cellName: "bench", code }, (m) => m?.type === "kernel/execute-reply" && m.id === id);
    if (reply.status === "error") throw new Error(`kernel: ${reply.error.name}: ${reply.error.message}`);
    return reply.result?.["text/plain"];
  }

  /** The kernel's own backend probe, as a fresh page runs it (backend "auto", nothing cached). */
  async function probe() {
    window.__probe = undefined;
    const worker = new Worker("/engine/kernel.js");
    const reply = await request(worker, { type: "kernel/init", backend: "auto" }, (m) => m?.type === "kernel/backend");
    worker.terminate();
    if (!reply.probe) throw new Error(`no probe: ${reply.problem ?? "the kernel reported a backend without measuring"}`);
    return reply.probe;
  }

  function stop() {
    for (const worker of Object.values(workers)) worker.terminate();
    delete workers.ours;
    delete workers.bare;
  }

  window.bench = { startOurs, startBare, run, value, probe, stop, problems };
})();
