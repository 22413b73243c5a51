/** Runs async tasks with at most `limit` in flight; the rest wait in arrival order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a {@link Limiter}. */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    active--;
    const next = waiting.shift();
    if (next !== undefined) next();
  };

  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active++;
        task().then(resolve, reject).finally(release);
      };
      if (active < limit) start();
      else waiting.push(start);
    });
}
