import type { ApiResult } from '../../../shared/contract';
import type { PatchdeskBridge } from './bridge-types';
import type { ConnectionState } from './connection-state';
import { ObservableValue } from './observable-value';
import type { Transport } from './transport';

/** Reaches the main process through the Electron preload bridge. */
export class DesktopTransport implements Transport {
  readonly mode = 'desktop' as const;
  readonly connection = new ObservableValue<ConnectionState>({ status: 'local' });

  constructor(private readonly bridge: PatchdeskBridge) {}

  async invoke(channel: string, request: unknown): Promise<ApiResult<unknown>> {
    try {
      return await this.bridge.invoke(channel, request);
    } catch (error) {
      // The preload should never throw, but a crashed main process would; keep the one error shape.
      return { ok: false, error: { code: 'unavailable', message: `The Patchdesk main process did not answer: ${String(error)}` } };
    }
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    return this.bridge.on(event, listener);
  }
}
