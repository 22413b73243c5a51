/** Scan progress as reported to the caller. */
export interface DiscoveryProgress {
  probedAddresses: number;
  liveHosts: number;
}

/** A rate-limited progress reporter. */
export interface ProgressThrottle {
  /** Notes new progress; emits now if the last emission is old enough, else later. */
  update(progress: DiscoveryProgress): void;
  /** Emits the final progress now and cancels any pending emission. */
  flush(progress: DiscoveryProgress): void;
  /** Cancels any pending emission without emitting. */
  stop(): void;
}

/**
 * Emits at most once per interval, leading and trailing: the first update goes out at once, and
 * the latest one is never lost, so the UI shows the real state even when probes go quiet.
 */
export function createProgressThrottle(emit: (progress: DiscoveryProgress) => void, intervalMs = 100): ProgressThrottle {
  let lastEmitAt = -Infinity;
  let pending: DiscoveryProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const send = (progress: DiscoveryProgress): void => {
    lastEmitAt = Date.now();
    pending = null;
    emit({ ...progress });
  };

  const stop = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };

  return {
    update(progress) {
      const wait = lastEmitAt + intervalMs - Date.now();
      if (wait <= 0 && timer === null) return send(progress);
      pending = progress;
      timer ??= setTimeout(() => {
        timer = null;
        if (pending !== null) send(pending);
      }, Math.max(0, wait));
    },
    flush(progress) {
      stop();
      send(progress);
    },
    stop,
  };
}
