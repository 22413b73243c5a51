/**
 * `npm run serve`: the browser host as a program. Opens the installation's data, starts the host
 * on 127.0.0.1 and prints the URL to open (with its session token).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppCore } from '../core/app-core';
import { resolveDataDir } from '../core/data-dir';
import { DatabaseOpenError } from '../db/database';
import { ownFolder, serveOwnedFolder } from '../owner/folder-owner';
import { startHost } from './host-server';

const DEFAULT_PORT = 47800;

async function main(): Promise<void> {
  let values: { 'data-dir'?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    console.error(`patchdesk serve: ${(error as Error).message}`);
    process.exit(2);
  }
  if (values.help) {
    console.log('Usage: npm run serve -- [--data-dir DIR] [--port N]   (N = 0 picks a free port; default 47800)');
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`patchdesk serve: --port must be a number from 0 to 65535 (got "${values.port}")`);
    process.exit(2);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  // One owner per data folder: this host, or whoever holds it now (then this host does not start).
  let lock;
  let core;
  let socket;
  try {
    lock = await ownFolder(dataDir, 'browser-host');
    core = openAppCore({ dataDir, mode: 'browser' });
    // CLI commands started while the host runs forward their calls here.
    socket = await serveOwnedFolder(lock, core);
  } catch (error) {
    console.error(`patchdesk serve: ${error instanceof DatabaseOpenError ? error.message : (error as Error).message}`);
    await core?.close();
    lock?.release();
    process.exit(1);
  }
  const staticDir = resolve(import.meta.dirname, '../../dist/renderer');
  const host = await startHost({ core, port, staticDir }).catch((error: Error) => {
    console.error(`patchdesk serve: ${error.message}`);
    process.exit(1);
  });
  core.warmUp();
  core.watchChanges();
  const stop = async () => {
    await host.close();
    await socket.close();
    await core.close();
    lock.release();
    process.exit(0);
  };
  // Before the URL is printed: whoever reads it may ask the host to stop at once.
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  console.log(`Patchdesk browser host is running (data: ${dataDir}; it owns that folder, and patchdesk commands forward to it over ${socket.address}).`);
  console.log(`Open: ${host.openUrl}`);
  console.log('Only this machine can connect (127.0.0.1), and only with the token in that URL. Press Ctrl+C to stop.');
}

void main();
