/** What every remote operation runs with: the one executor, the host, and the run's limits. */
import type { RemoteExecutor, RemoteRunOptions, RemoteTarget } from '../executor/remote-executor';
import type { RemoteOutput } from '../executor/remote-error';

/** The host an operation works on and how. */
export interface OperationContext {
  executor: RemoteExecutor;
  target: RemoteTarget;
  /** Run package-manager commands through sudo (a non-root login). */
  sudo: boolean;
  signal?: AbortSignal;
}

/** Runs `command` on the context's host with its sudo setting and signal. */
export function runOn(context: OperationContext, command: string, options: Omit<RemoteRunOptions, 'sudo' | 'signal'>): Promise<RemoteOutput> {
  return context.executor.run(context.target, command, { ...options, sudo: context.sudo, ...(context.signal ? { signal: context.signal } : {}) });
}
