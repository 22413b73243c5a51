/**
 * Screens that stay true, in Chromium through the real browser host: the inventory and the patch
 * status are open when the `patchdesk` CLI, another process on the same data folder, imports
 * hosts; both screens show them without a reload. Then the page's event socket drops while the
 * CLI imports more (the host's notice never reaches the page), and when the socket is back the
 * screen reads everything again.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../electron/test-support/test-core';
import { startE2eSession, type E2eSession } from './support/e2e-session';

const root = fileURLToPath(new URL('..', import.meta.url));
const SITE = 'Live clinic';
const run = promisify(execFile);

let e2e: E2eSession;

async function shot(page: Page, name: string): Promise<void> {
  await e2e.shot(page, name);
}

/** `patchdesk import csv` in its own process, as an admin would run it beside the open app. */
async function cliImport(name: string, hosts: readonly [string, string][]): Promise<void> {
  const file = join(e2e.dataDir, name);
  writeFileSync(file, `Hostname,IP Address\n${hosts.map(([hostname, address]) => `${hostname},${address}`).join('\n')}\n`);
  const { stdout } = await run(process.execPath, ['bin/patchdesk.mjs', '--data-dir', e2e.dataDir, 'import', 'csv', file, '--site', SITE], { cwd: root });
  expect(stdout).toContain(`${hosts.length} created`);
}

function hosts(from: number, count: number): [string, string][] {
  return Array.from({ length: count }, (_, index) => [`ws-${String(from + index).padStart(2, '0')}`, `10.20.0.${from + index}`]);
}

/**
 * Routes the page's event socket through the test: forwards everything until `holdBack` is set,
 * then keeps what the host pushes from the page (and tells the test it arrived), and `drop`
 * closes the page's side as a network drop would. The page reconnects through a new route.
 */
async function routeEvents(page: Page) {
  let holdBack = false;
  let current: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
  let connections = 0;
  const heldBack: string[] = [];
  const waiters: ((message: string) => void)[] = [];
  await page.routeWebSocket(/\/api\/events/, (socket) => {
    connections++;
    const server = socket.connectToServer();
    server.onMessage((message) => {
      const text = String(message);
      if (!holdBack) return socket.send(message);
      heldBack.push(text);
      for (const waiter of waiters.splice(0)) waiter(text);
    });
    current = { page: socket, server };
  });
  return {
    connections: () => connections,
    holdBack() {
      holdBack = true;
    },
    /** Resolves with the next message the host pushed while held back. */
    nextHeldBack: () => new Promise<string>((resolve) => waiters.push(resolve)),
    async drop() {
      holdBack = false;
      const dropped = current;
      current = null;
      await dropped?.server.close();
      await dropped?.page.close({ code: 4000, reason: 'dropped by the test' });
    },
  };
}

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'live-updates', seed: { run: (core) => call(core, 'sites:create', { name: SITE, networks: ['10.20.0.0/24'] }).then(() => undefined) } });
});
afterAll(() => e2e?.close());

describe('screens that stay true', () => {
  it('shows hosts the CLI imports in open screens without a reload, and reads everything again after the event socket drops', async () => {
    const { page: inventory } = await e2e.openApp({ navigate: false });
    const { page: status } = await e2e.openApp({ navigate: false });
    const events = await routeEvents(inventory);

    await inventory.goto(e2e.host.openUrl);
    await inventory.getByTestId('rail-inventory').click();
    await inventory.getByTestId('inventory-screen').waitFor();
    await status.goto(e2e.host.openUrl);
    await status.getByTestId('rail-patch-status').click();
    await status.getByTestId('patch-status-screen').waitFor();
    await status.getByText('No assets to collect yet').waitFor();
    for (const page of [inventory, status]) await page.locator('[data-testid="connection-indicator"][data-state="open"]').waitFor();
    expect(await inventory.getByTestId('asset-count').textContent()).toBe('0 shown');
    await shot(inventory, '40-live-inventory-empty');
    await shot(status, '41-live-status-empty');

    // Another process writes; both open screens follow.
    await cliImport('first.csv', hosts(1, 11));
    await inventory.getByTestId('asset-count').filter({ hasText: '11 shown' }).waitFor();
    await status.getByTestId('fleet-count').filter({ hasText: '11 hosts' }).waitFor();
    expect(await status.getByText('No assets to collect yet').count()).toBe(0);
    expect(await inventory.getByTestId('asset-count').textContent()).toBe('11 shown');
    await shot(inventory, '42-live-inventory-after-cli-import');
    await shot(status, '43-live-status-after-cli-import');

    // The socket stops delivering: the host's notice of the next import never reaches the page.
    events.holdBack();
    const missed = events.nextHeldBack();
    await cliImport('second.csv', hosts(12, 3));
    expect(JSON.parse(await missed)).toMatchObject({ event: 'data:changed', payload: { topics: ['assets'] } });
    await status.getByTestId('fleet-count').filter({ hasText: '14 hosts' }).waitFor();
    expect(await inventory.getByTestId('asset-count').textContent()).toBe('11 shown');
    await shot(inventory, '44-live-inventory-notice-missed');

    // The socket drops and comes back: the page reads everything again.
    await events.drop();
    await inventory.getByTestId('asset-count').filter({ hasText: '14 shown' }).waitFor();
    expect(events.connections()).toBeGreaterThanOrEqual(2);
    await inventory.locator('[data-testid="connection-indicator"][data-state="open"]').waitFor();
    await shot(inventory, '45-live-inventory-resynced');

    await inventory.close();
    await status.close();
  }, 120_000);
});
