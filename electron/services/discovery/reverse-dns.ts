import { promises as dns } from 'node:dns';
import { createLimiter } from './limiter';

/** Looks up PTR names. Injectable so tests never send DNS traffic off the machine. */
export interface ReverseDnsResolver {
  reverse(ip: string): Promise<string[]>;
  /** Abandons outstanding queries (used when a scan is cancelled). */
  cancel?(): void;
}

/** Options for the real resolver. */
export interface ResolverOptions {
  timeoutMs: number;
  /** DNS servers (`ip` or `ip:port`); the system's when omitted. */
  servers?: string[];
}

/**
 * The real resolver: c-ares through `dns.promises.Resolver`, one try, with a timeout.
 * Not `dns.lookup`, which runs on libuv's small thread pool and would stall file and crypto
 * work behind a few slow PTR queries.
 */
export function createReverseDnsResolver(options: ResolverOptions): ReverseDnsResolver {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs, tries: 1 });
  if (options.servers !== undefined) resolver.setServers(options.servers);
  return {
    reverse: (ip) => resolver.reverse(ip),
    cancel: () => resolver.cancel(),
  };
}

/** Turns a PTR answer into a safe host name: letters, digits, dots, hyphens and underscores only. */
export function cleanHostname(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '').toLowerCase();
  if (trimmed.length > 253 || !/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(trimmed)) return '';
  return trimmed;
}

/** Options for {@link createHostnameLookup}. */
export interface HostnameLookupOptions {
  timeoutMs: number;
  /** Queries in flight at once. */
  concurrency: number;
}

/**
 * Wraps a resolver into "address → host name or ''": limited concurrency, a hard timeout of its
 * own (an injected resolver may ignore timeouts), and silence on every failure.
 */
export function createHostnameLookup(
  resolver: ReverseDnsResolver,
  options: HostnameLookupOptions,
): (ip: string, signal?: AbortSignal) => Promise<string> {
  const limit = createLimiter(options.concurrency);
  const lookupOne = (ip: string, signal: AbortSignal | undefined): Promise<string> =>
    new Promise<string>((resolve) => {
      if (signal?.aborted) return resolve('');
      const settle = (name: string): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(name);
      };
      const onAbort = (): void => settle('');
      const timer = setTimeout(onAbort, options.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => resolver.reverse(ip))
        .then(
          (names) => settle(cleanHostname(names[0] ?? '')),
          () => settle(''),
        );
    });
  return (ip, signal) => limit(() => lookupOne(ip, signal));
}
