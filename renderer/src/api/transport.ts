import type { ApiResult } from '../../../shared/contract';
import type { ConnectionState } from './connection-state';
import type { ObservableValue } from './observable-value';

/** One way of reaching the main side: the Electron preload or the browser host. */
export interface Transport {
  readonly mode: 'desktop' | 'browser';
  readonly connection: ObservableValue<ConnectionState>;
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
