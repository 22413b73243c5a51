/**
 * The Electron main process: lifecycle, the window, and IPC relayed to the core process (a
 * utilityProcess running electron/core-process/, which owns the data folder and runs the same
 * dispatcher the browser host and the CLI use). This process never opens the database nor runs
 * SQL, SSH or PDF work: the window stays responsive whatever the core is doing.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDataDir } from '../core/data-dir';
import { createCoreProcessClient, type CoreProcessClient } from '../core-process/core-process-client';
import type { FromCore, ToCore } from '../core-process/core-process-protocol';
import { CONTENT_SECURITY_POLICY } from '../host/static-files';
import { IPC } from './ipc-channels';
import { secureKeychain } from './keychain';
import { acceptPreference, createPreferenceStore } from './preferences';

const rendererIndex = join(__dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let core: CoreProcessClient | undefined;
let window: BrowserWindow | undefined;

/** Only our own page may call the contract. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  return event.senderFrame?.url.split('#')[0] === rendererUrl && event.sender === window?.webContents;
}

function createWindow(preferences: ReturnType<typeof createPreferenceStore>): BrowserWindow {
  const bounds = preferences.get('windowBounds');
  const created = new BrowserWindow({
    ...bounds,
    minWidth: 1024,
    minHeight: 640,
    title: 'Patchdesk',
    show: false,
    webPreferences: { preload: join(__dirname, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  if (bounds.maximized) created.maximize();
  created.once('ready-to-show', () => created.show());
  created.on('close', () => preferences.set('windowBounds', { ...created.getNormalBounds(), maximized: created.isMaximized() }));
  created.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  created.webContents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  void created.loadFile(rendererIndex);
  return created;
}

async function start(): Promise<void> {
  const dataDirFlag = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const keychain = secureKeychain();
  const child = utilityProcess.fork(join(__dirname, 'core.cjs'), [], { serviceName: 'Patchdesk core', stdio: 'inherit' });
  const client = createCoreProcessClient({ post: (message: ToCore) => child.postMessage(message), onMessage: (listener: (message: FromCore) => void) => child.on('message', listener) }, keychain);
  child.once('exit', (code) => client.lost(`the Patchdesk core process stopped (exit code ${code}); restart Patchdesk`));
  const dataDir = resolveDataDir(dataDirFlag);
  try {
    await client.start({ dataDir, resourcesDir: join(app.isPackaged ? process.resourcesPath : join(__dirname, '../..'), 'resources') });
  } catch (error) {
    dialog.showErrorBox('Patchdesk cannot open its data', (error as Error).message);
    child.kill();
    app.exit(1);
    return;
  }
  core = client;
  const preferences = createPreferenceStore();

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  ipcMain.handle(IPC.invoke, (event, channel: unknown, request: unknown) => {
    if (!fromOurWindow(event)) return { ok: false, error: { code: 'unauthorized', message: 'calls are accepted only from the Patchdesk window' } };
    return core?.invoke(String(channel), request);
  });
  ipcMain.handle(IPC.preferencesGet, (event, key: unknown) => (fromOurWindow(event) && typeof key === 'string' && acceptPreference(key, preferences.get(key as never)) ? preferences.get(key as never) : null));
  ipcMain.handle(IPC.preferencesSet, (event, key: unknown, value: unknown) => {
    const accepted = fromOurWindow(event) && typeof key === 'string' ? acceptPreference(key, value) : undefined;
    if (accepted) preferences.set(accepted[0], accepted[1] as never);
  });
  core.onEvent((event, payload) => window?.webContents.send(IPC.event, event, payload));

  window = createWindow(preferences);
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (event) => event.preventDefault()));
app.whenReady().then(start).catch((error: Error) => {
  console.error(`Patchdesk could not start: ${error.message}`);
  app.exit(1);
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = undefined;
  void closing.stop().finally(() => app.exit(0));
});
