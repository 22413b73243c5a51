/**
 * The desktop app's core process: everything that touches the data folder (SQL, SSH, WinRM, PDF)
 * runs here, in an Electron `utilityProcess` started by electron/main, so the window's main process
 * stays responsive and never opens the database. Also runs under plain Node with an IPC channel
 * (child_process.fork), which is how it is tested.
 */
import type { FromCore, MessagePortLike, ToCore } from './core-process-protocol';
import { serveMainProcess } from './core-process-server';

/** Electron's utilityProcess gives `process.parentPort`; Node's fork gives `process.send`. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentPort(): MessagePortLike<ToCore, FromCore> {
  const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (electronPort) return { post: (message) => electronPort.postMessage(message), onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToCore)) };
  const send = process.send?.bind(process);
  if (!send) throw new Error('the Patchdesk core process must be started by the desktop app (no parent port)');
  return { post: (message) => void send(message), onMessage: (listener) => process.on('message', (message) => listener(message as ToCore)) };
}

serveMainProcess(parentPort(), (code) => process.exit(code));
