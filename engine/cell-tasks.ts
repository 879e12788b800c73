/**
 * What a cell leaves behind: timers, callbacks and the continuations of promises it did not await.
 * Each run is an *owner*; output is attributed to the owner that is current when it is written,
 * and capped against that run's budget however late it comes. The cells' timers are wrapped so
 * that a timer callback runs as the owner that started it, and an `await` in cell code resumes as
 * the owner that began it (the transpiler rewrites `await x` to `resume(token(), await x)`).
 * Interrupt moves to a new epoch: every owner before it is stale, its timers are cleared, and its
 * continuations throw `Interrupted` the next time they resume or loop, so nothing they do reaches
 * another cell.
 */

/** A run of a cell and everything it started. */
export interface Owner {
  /** The run's id: output is sent under it. */
  readonly id: string;
  readonly epoch: number;
  lines: number;
  bytes: number;
  /** Lines past the cap, counted, not sent. */
  hiddenLines: number;
  /** Set when the run's reply has been sent: later output comes from timers and callbacks. */
  ended: boolean;
}

type Handle = unknown;
type TimerKind = "timeout" | "interval" | "frame";

interface HostTimers {
  setTimeout(callback: () => void, ms?: number): Handle;
  clearTimeout(handle: Handle): void;
  setInterval(callback: () => void, ms?: number): Handle;
  clearInterval(handle: Handle): void;
  requestAnimationFrame?(callback: (time: number) => void): Handle;
  cancelAnimationFrame?(handle: Handle): void;
}

function hostTimersOf(scope: Record<string, unknown>): HostTimers {
  const bind = (name: string) => {
    const fn = scope[name];
    return typeof fn === "function" ? (fn as (...args: unknown[]) => unknown).bind(scope) : undefined;
  };
  const required = (name: string) => {
    const fn = bind(name);
    if (!fn) throw new Error(`the kernel's host has no ${name}`);
    return fn;
  };
  const frame = bind("requestAnimationFrame");
  const cancelFrame = bind("cancelAnimationFrame");
  return {
    setTimeout: required("setTimeout"),
    clearTimeout: required("clearTimeout"),
    setInterval: required("setInterval"),
    clearInterval: required("clearInterval"),
    ...(frame && cancelFrame ? { requestAnimationFrame: frame, cancelAnimationFrame: cancelFrame } : {}),
  };
}

export class CellTasks {
  private epoch = 0;
  /** The owner output is attributed to right now. */
  current: Owner | undefined;
  /** The run in progress, if any. */
  private active: Owner | undefined;
  private readonly timers = new Map<Handle, TimerKind>();
  private readonly host: HostTimers;

  constructor(scope: Record<string, unknown>) {
    this.host = hostTimersOf(scope);
  }

  /** Starts a run: it owns what happens until the next run starts. */
  begin(id: string): Owner {
    const owner: Owner = { id, epoch: this.epoch, lines: 0, bytes: 0, hiddenLines: 0, ended: false };
    this.current = owner;
    this.active = owner;
    return owner;
  }

  end(owner: Owner) {
    owner.ended = true;
    if (this.active === owner) this.active = undefined;
  }

  isStale(owner: Owner): boolean {
    return owner.epoch !== this.epoch;
  }

  /** Whether code running now belongs to an interrupted run. */
  get currentIsStale(): boolean {
    return this.current !== undefined && this.current.epoch !== this.epoch;
  }

  /** Interrupt: stops every timer cells started and makes every earlier owner stale. */
  cancelAll() {
    this.epoch++;
    for (const [handle, kind] of this.timers) {
      if (kind === "interval") this.host.clearInterval(handle);
      else if (kind === "frame") this.host.cancelAnimationFrame?.(handle);
      else this.host.clearTimeout(handle);
    }
    this.timers.clear();
  }

  /** The owner an `await` began in; `resume` restores it when the await continues. */
  token(): Owner | undefined {
    return this.current;
  }

  /** Returns true when the continuation may go on; false when its run was interrupted. */
  resume(token: Owner | undefined): boolean {
    if (token === undefined) return true;
    if (this.isStale(token)) return false;
    this.current = token;
    return true;
  }

  /** Runs a callback as `owner`; afterwards (once its own microtasks ran) the running cell owns output again. */
  private runAs(owner: Owner | undefined, callback: () => void) {
    if (owner && this.isStale(owner)) return;
    this.current = owner;
    try {
      callback();
    } finally {
      queueMicrotask(() => {
        if (this.active) this.current = this.active;
      });
    }
  }

  /** The timer functions cells see. */
  globals(): Record<string, unknown> {
    const host = this.host;
    const callable = (callback: unknown, api: string): ((...args: unknown[]) => unknown) => {
      if (typeof callback !== "function") throw new TypeError(`${api} needs a function to call, got ${typeof callback}`);
      return callback as (...args: unknown[]) => unknown;
    };
    const setTimeout = (callback: unknown, ms?: number, ...args: unknown[]) => {
      const fn = callable(callback, "setTimeout");
      const owner = this.current;
      const handle = host.setTimeout(() => {
        this.timers.delete(handle);
        this.runAs(owner, () => fn(...args));
      }, ms);
      this.timers.set(handle, "timeout");
      return handle;
    };
    const setInterval = (callback: unknown, ms?: number, ...args: unknown[]) => {
      const fn = callable(callback, "setInterval");
      const owner = this.current;
      const handle = host.setInterval(() => this.runAs(owner, () => fn(...args)), ms);
      this.timers.set(handle, "interval");
      return handle;
    };
    const clearTimeout = (handle: Handle) => {
      this.timers.delete(handle);
      host.clearTimeout(handle);
    };
    const clearInterval = (handle: Handle) => {
      this.timers.delete(handle);
      host.clearInterval(handle);
    };
    const globals: Record<string, unknown> = { setTimeout, setInterval, clearTimeout, clearInterval };
    const frame = host.requestAnimationFrame;
    const cancelFrame = host.cancelAnimationFrame;
    if (frame && cancelFrame) {
      globals.requestAnimationFrame = (callback: unknown) => {
        const fn = callable(callback, "requestAnimationFrame");
        const owner = this.current;
        const handle = frame((time) => {
          this.timers.delete(handle);
          this.runAs(owner, () => fn(time));
        });
        this.timers.set(handle, "frame");
        return handle;
      };
      globals.cancelAnimationFrame = (handle: Handle) => {
        this.timers.delete(handle);
        cancelFrame(handle);
      };
    }
    return globals;
  }
}
