/**
 * CPU time for performance guards in tests. A wall-clock bound fails when the machine is busy
 * with other work; the CPU time this process spends on the work does not grow with load, so a
 * guard against quadratic or backtracking behaviour stays a property of the code.
 */

/** Runs `work` and returns its result with the CPU milliseconds (user plus system) it took. */
export function withCpuTime<T>(work: () => T): { value: T; cpuMs: number } {
  const before = process.cpuUsage();
  const value = work();
  const spent = process.cpuUsage(before);
  return { value, cpuMs: (spent.user + spent.system) / 1000 };
}

/** The async form of {@link withCpuTime}; only fair when nothing else runs in this process meanwhile. */
export async function withCpuTimeAsync<T>(work: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const spent = process.cpuUsage(before);
  return { value, cpuMs: (spent.user + spent.system) / 1000 };
}
