import { channels, events, type ChannelName, type EventName, type EventOf, type RequestOf, type ResponseOf } from '../../../shared/contract';
import { ApiClientError } from './api-client-error';
import { BrowserTransport } from './browser-transport';
import type { ConnectionState } from './connection-state';
import { DesktopTransport } from './desktop-transport';
import type { ObservableValue } from './observable-value';
import { createPreferences, type Preferences } from './preferences';
import { takeSessionToken } from './session-token';
import type { Transport } from './transport';

/**
 * The one way the renderer talks to the main side. Every response is checked against the
 * contract's schema, so a component never sees a shape the contract does not promise.
 */
export class PatchdeskClient {
  constructor(
    private readonly transport: Transport,
    /** Theme and last site, kept per user. */
    readonly preferences: Preferences,
  ) {}

  /** Where the client runs: inside Electron or in a browser tab served by the host. */
  get mode(): 'desktop' | 'browser' {
    return this.transport.mode;
  }

  /** The connection to the main side, for the indicator and the token screen. */
  get connection(): ObservableValue<ConnectionState> {
    return this.transport.connection;
  }

  /** Calls a channel; resolves with the parsed response or throws an {@link ApiClientError}. */
  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const result = await this.transport.invoke(channel, request);
    if (!result.ok) throw new ApiClientError(result.error);
    const parsed = channels[channel].response.safeParse(result.value);
    if (!parsed.success) {
      throw new ApiClientError({
        code: 'internal',
        message: `The answer to ${channel} does not match the contract: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`,
      });
    }
    return parsed.data as ResponseOf<C>;
  }

  /** Listens to a push event; payloads that do not match the contract are dropped. */
  subscribe<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    return this.transport.on(event, (payload) => {
      const parsed = events[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventOf<E>);
      else console.warn(`Dropped a ${event} event that does not match the contract`, parsed.error.issues);
    });
  }
}

/** How the client could be started: ready, or the browser page was opened without a token. */
export type ClientBoot = { ok: true; client: PatchdeskClient } | { ok: false; reason: 'missing-token' };

/** Picks the transport for where the page runs: the Electron preload if present, else the browser host. */
export function createPatchdeskClient(win: Window = window): ClientBoot {
  const preferences = createPreferences(win.patchdeskPreferences, safeLocalStorage(win));
  if (win.patchdesk) return { ok: true, client: new PatchdeskClient(new DesktopTransport(win.patchdesk), preferences) };

  const token = takeSessionToken({ location: win.location, history: win.history, sessionStorage: win.sessionStorage });
  if (!token) return { ok: false, reason: 'missing-token' };
  const transport = new BrowserTransport(token, {
    origin: win.location.origin,
    fetch: win.fetch.bind(win),
    WebSocket: (win as Window & typeof globalThis).WebSocket,
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
  });
  transport.start();
  return { ok: true, client: new PatchdeskClient(transport, preferences) };
}

function safeLocalStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}
