/** A value that can be read synchronously and watched, shaped for React's useSyncExternalStore. */
export class ObservableValue<T> {
  private current: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.current = initial;
  }

  /** The current value. */
  get = (): T => this.current;

  /** Replaces the value and notifies watchers when it changed. */
  set(next: T): void {
    if (Object.is(next, this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Watches changes; returns the function that stops watching. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
