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
