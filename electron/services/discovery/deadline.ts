/** A timeout that can be cleared. */
export interface Deadline {
  clear(): void;
}

/**
 * Calls `onExpire` once `ms` have passed, but only after the I/O already waiting has been
 * handled. Node runs expired timers before it polls for I/O, so after the event loop was
 * blocked (a busy main process, a starved CPU), a plain timeout would beat a connection or
 * reply that arrived in time and a live host would be reported silent. Deferring the expiry to
 * the check phase (setImmediate) lets the poll phase deliver that I/O first.
 */
export function startDeadline(ms: number, onExpire: () => void): Deadline {
  let immediate: ReturnType<typeof setImmediate> | null = null;
  const timer = setTimeout(() => {
    immediate = setImmediate(onExpire);
  }, ms);
  return {
    clear(): void {
      clearTimeout(timer);
      if (immediate !== null) clearImmediate(immediate);
    },
  };
}
