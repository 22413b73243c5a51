import { ApiError, type ApiResult } from '../../../shared/contract';
import type { ConnectionState } from './connection-state';
import { ObservableValue } from './observable-value';
import { reconnectDelayMs } from './reconnect-backoff';
import type { Transport } from './transport';

/** The parts of `window` the browser transport uses, injectable for tests and other hosts. */
export interface BrowserEnvironment {
  origin: string;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const HOST_HINT = 'Is the host started with `npm run serve` still running?';

/**
 * Reaches the browser host: calls are `POST /api/invoke/<channel>` with the session token, events
 * come over one WebSocket that reconnects with backoff for as long as the page is open.
 */
export class BrowserTransport implements Transport {
  readonly mode = 'browser' as const;
  readonly connection = new ObservableValue<ConnectionState>({ status: 'connecting' });
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryHandle: unknown = null;

  constructor(
    private readonly token: string,
    private readonly env: BrowserEnvironment,
  ) {}

  /** Opens the event socket; called once after construction. */
  start(): void {
    this.connect();
  }

  async invoke(channel: string, request: unknown): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await this.env.fetch(`${this.env.origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'unavailable', message: `Cannot reach the Patchdesk host. ${HOST_HINT}` } };
    }
    const body: unknown = await response.json().catch(() => null);
    const result = readResult(body);
    if (result) {
      if (!result.ok && result.error.code === 'unauthorized') this.markUnauthorized();
      return result;
    }
    if (response.status === 401 || response.status === 403) {
      this.markUnauthorized();
      return { ok: false, error: { code: 'unauthorized', message: 'The session token was refused.' } };
    }
    return { ok: false, error: { code: 'internal', message: `The host answered ${channel} with HTTP ${response.status} and no result.` } };
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  private connect(): void {
    if (this.connection.get().status === 'unauthorized') return;
    const url = new URL('/api/events', this.env.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.token);
    let socket: WebSocket;
    try {
      socket = new this.env.WebSocket(url.toString());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.connection.set({ status: 'open' });
    };
    socket.onmessage = (message) => this.dispatch(message.data);
    socket.onclose = (closed) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // 4401 / 1008 are how a host says "policy violation": the token was refused.
      if (closed.code === 4401 || closed.code === 1008) this.markUnauthorized();
      else this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.connection.get().status === 'unauthorized') return;
    const delay = reconnectDelayMs(this.attempt);
    this.attempt += 1;
    this.connection.set({ status: 'reconnecting', attempt: this.attempt, retryAt: Date.now() + delay });
    if (this.retryHandle !== null) this.env.clearTimeout(this.retryHandle);
    this.retryHandle = this.env.setTimeout(() => {
      this.retryHandle = null;
      this.connect();
    }, delay);
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  private markUnauthorized(): void {
    this.connection.set({ status: 'unauthorized' });
    if (this.retryHandle !== null) this.env.clearTimeout(this.retryHandle);
    this.socket?.close();
    this.socket = null;
  }
}

function readResult(body: unknown): ApiResult<unknown> | null {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return null;
  if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
  if (body.ok === false && 'error' in body) {
    const error = ApiError.safeParse(body.error);
    if (error.success) return { ok: false, error: error.data };
  }
  return null;
}
