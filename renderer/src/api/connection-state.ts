/**
 * How the UI is connected to the main side.
 * - `local`: the Electron preload; always there.
 * - `connecting` / `open` / `reconnecting`: the browser host's event socket.
 * - `unauthorized`: the browser host refused the session token.
 */
export type ConnectionState =
  | { status: 'local' }
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'reconnecting'; attempt: number; retryAt: number }
  | { status: 'unauthorized' };
