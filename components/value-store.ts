/**
 * A value kept outside React state and read with useSyncExternalStore: when it changes, only the
 * components that read it re-render, synchronously, in the task that changed it.
 */
export class ValueStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): T => this.value;

  readonly set = (value: T) => {
    this.value = value;
    for (const listener of this.listeners) listener();
  };
}

/**
 * A store that shows the values it is offered, except that the ones `late` picks are shown only when
 * they are still the latest `delayMs` later, unless one is shown already. So a state that lasts less
 * (a kernel busy for a 2 ms run) never reaches the page.
 */
export class LateStore<T> extends ValueStore<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest: T;

  constructor(
    value: T,
    private readonly late: (value: T) => boolean,
    private readonly delayMs: number,
  ) {
    super(value);
    this.latest = value;
  }

  readonly offer = (value: T) => {
    clearTimeout(this.timer);
    this.latest = value;
    if (!this.late(value)) {
      // After the rest of the task: between two queued runs the kernel is idle and busy again in one
      // task, and the page goes on showing it busy.
      queueMicrotask(() => {
        if (this.latest === value && value !== this.get()) this.set(value);
      });
    } else if (this.late(this.get())) {
      this.set(value);
    } else {
      this.timer = setTimeout(() => this.set(value), this.delayMs);
    }
  };
}
