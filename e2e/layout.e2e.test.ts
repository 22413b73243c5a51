/**
 * Layout at the three window sizes people use (1280×720, 1440×900, 1920×1080): with realistic,
 * awkward data (long hostnames, IPv6 addresses, every tier and patch state) no IP address, tier
 * badge, state badge or tile title is cut off on the screens that show them. Each check compares
 * an element's scrollWidth with its clientWidth, and the element's box with the box of the
 * nearest ancestor that clips, so an ellipsis or a clipped cell fails it. No timing decides
 * anything: every screen is checked once its rows are rendered. Screenshots of every screen and
 * size go to e2e/screenshots/ (not committed).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../electron/core/app-core';
import { PatchStatusRepository } from '../electron/db/repositories/patch-status.repository';
import type { HostCollection, PendingUpdateData } from '../shared/contract/patch-status';
import { startE2eSession, type E2eSession } from './support/e2e-session';
import { writeTransaction } from '../electron/db/write-transaction';

const NOW = '2026-11-20T10:00:00.000Z';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

let e2e: E2eSession;

function pending(name: string, security: boolean, severity: string): PendingUpdateData {
  return { name, installedVersion: '1.0.0-1', availableVersion: '1.0.0-2+deb12u9', repository: security ? 'bookworm-security' : 'bookworm-updates', security, cves: security ? ['CVE-2026-40321'] : [], advisories: [], severity, kind: 'upgrade' };
}

function collection(at: string, os: { name: string; version: string }, updates: PendingUpdateData[]): HostCollection {
  return {
    collectedAt: at,
    method: 'offline-file',
    platform: 'linux',
    hostname: '',
    os: { id: 'debian', name: os.name, version: os.version, build: '' },
    packageManager: 'apt',
    uptimeSeconds: 100,
    rebootRequired: false,
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: 0,
    installed: [],
    pending: updates,
    installedKbs: [],
    device: null,
    warnings: [],
  } as HostCollection;
}

/** A site with every tier and patch state, long names and IPv6 addresses, written through the services. */
async function seed(core: AppCore): Promise<void> {
  const call = async <T>(channel: string, request: unknown): Promise<T> => {
    const result = await core.dispatcher.invoke(channel as never, request as never);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const site = await call<{ id: number }>('sites:create', { name: 'Zahnarztpraxis Dr. Müller-Lüdenscheidt – Hauptstandort', timezone: 'Europe/Berlin' });
  const hosts = [
    { hostname: 'pms-db01.praxis-mueller-luedenscheidt.example.internal', address: '2001:db8:4a5b:6c7d:8e9f:a0b1:c2d3:e4f5', tier: 1 },
    { hostname: 'portal01.contoso-dental.de', address: '2001:0db8:85a3:0000:0000:8a2e:0370:7334', tier: 1 },
    { hostname: 'xray-acquisition-workstation-radiology-02', address: 'fe80::1ff:fe23:4567:890a', tier: 2 },
    { hostname: 'backup01', address: '10.20.0.30', tier: 2 },
    { hostname: 'empfang-pc-03.praxis.local', address: '192.168.100.203', tier: 3 },
    { hostname: 'door-controller-building-b', address: '2001:db8::ff00:42:8329', tier: 4 },
    { hostname: 'unclassified-thin-client-wartezimmer-07', address: '2001:db8:1234:5678:9abc:def0:1234:5678', tier: null },
  ];
  const at = '2026-11-19T08:00:00.000Z';
  // Found by a scan (the only way an IPv6 address enters the inventory today), then accepted.
  const discover = (hostname: string, address: string, index: number) =>
    writeTransaction(core.db, () =>
      core.services.inventory.mergeDiscovery(
        site.id,
        { hostname, addresses: [address], mac: `00:1a:2b:3c:4d:${String(10 + index)}`, osFamily: 'linux', osName: 'Linux 5.x', deviceType: 'server', openPorts: [{ port: 22, protocol: 'tcp', service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' }], evidence: [], seenAt: at },
        'scan',
        'layout test',
      ),
    ).assetId;
  const ids: number[] = [];
  for (const [index, entry] of hosts.entries()) {
    const id = discover(entry.hostname, entry.address, index);
    ids.push(id);
    await call('assets:review', { ids: [id], decision: 'accept' });
    await call('assets:update', { id, expectedVersion: (await call<{ version: number }>('assets:get', { id })).version, changes: { tags: ['linux', 'praxis'], owner: 'Dr. Jürgen Weiß', location: 'Serverraum Keller, Rack 2' } });
    if (entry.tier !== null) await call('tiers:override', { action: 'set', assetIds: [id], tier: entry.tier, reason: 'layout test' });
  }
  const debian = { name: 'Debian GNU/Linux 12 (bookworm)', version: '12' };
  const store = (index: number, os: { name: string; version: string }, updates: PendingUpdateData[]) => core.services.patchStatus.storeCollection(ids[index] ?? 0, collection(at, os, updates), null);
  store(0, debian, [pending('openssl', true, 'critical'), pending('libssl3', true, 'high'), pending('tzdata', false, 'low')]);
  store(1, debian, []);
  store(2, { name: 'Debian GNU/Linux 9 (stretch)', version: '9' }, [pending('linux-image-amd64', true, 'high')]);
  store(3, debian, [pending('tzdata', false, 'low')]);
  // 4 is never collected; 5 failed its collection.
  new PatchStatusRepository(core.db).recordFailure(ids[5] ?? 0, null, at, 'ssh', 'auth_failed', 'Permission denied (publickey,password)');
  store(6, debian, [pending('openssh-server', true, 'critical')]);

  // Unreviewed hosts: long names and IPv6 addresses, one without a name.
  for (const [index, address] of ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:0002', '10.20.30.254'].entries()) {
    discover(index === 2 ? '' : `unknown-device-${index}.guest-wlan.praxis-mueller-luedenscheidt.example`, address, 50 + index);
  }
}

/**
 * Every element matching `selector` that is cut off: its content wider than its box, its box
 * reaching past any ancestor that clips or scrolls, or an ancestor cut with an ellipsis. Returns a
 * line per offender.
 */
async function clipped(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => {
    const out: string[] = [];
    for (const element of elements as HTMLElement[]) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (virtualised away or hidden)
      const text = (element.textContent ?? '').trim().slice(0, 60);
      const style = getComputedStyle(element);
      if (style.display !== 'inline' && element.scrollWidth > element.clientWidth + 0.5) out.push(`${text}: scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}`);
      // Every ancestor that clips or scrolls must show the whole element: a badge scrolled out of
      // sight in a table wider than the window is as cut off as one under an ellipsis.
      let reported = false;
      for (let parent = element.parentElement; parent && !reported; parent = parent.parentElement) {
        const parentStyle = getComputedStyle(parent);
        // Nothing above a fixed box (a dialog) clips it.
        if (parentStyle.position === 'fixed') break;
        if (parentStyle.overflowX === 'visible') continue;
        const limit = parent.getBoundingClientRect();
        if (box.right > limit.right + 0.5 || box.left < limit.left - 0.5) {
          out.push(`${text}: ${Math.round(box.left)}-${Math.round(box.right)} outside ${parent.className || parent.tagName} ${Math.round(limit.left)}-${Math.round(limit.right)}`);
          reported = true;
        } else if (parentStyle.textOverflow === 'ellipsis' && parent.scrollWidth > parent.clientWidth + 0.5) {
          out.push(`${text}: its ${parent.className || parent.tagName} is cut with an ellipsis`);
          reported = true;
        }
      }
    }
    return out;
  });
}

/** Every element matching `selector` whose content is wider than its box (it scrolls sideways). */
async function sideScroll(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    (elements as HTMLElement[]).filter((element) => element.scrollWidth > element.clientWidth).map((element) => `${element.dataset.testid ?? element.className} scrolls sideways: scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}`),
  );
}

/** Opens a screen the way the app's own links do: the session token comes in the first URL's hash. */
async function open(page: Page, hash: string, ready: string): Promise<void> {
  if (!page.url().startsWith('http')) {
    await page.goto(e2e.host.openUrl);
    await page.getByTestId('rail-patch-status').waitFor();
  }
  await page.evaluate((next) => {
    window.location.hash = next;
  }, hash);
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
}

const IP = '[data-layout="ip"]';
const TIER = '.tier-badge';
const STATE = '.badge, .patch-state';
const TILE_TITLE = '.kpi-tile__label, .fleet-tile__label, .evidence-tile__label';
const CSV_MAPPER = '.mapping-grid__item > span, .mapping-grid__item select, .sample-table__column, .sample-table__field, [data-testid="csv-sample"] td';

const SCREENS: { name: string; hash: string; ready: string; check: string[]; noSideScroll?: string }[] = [
  { name: 'unreviewed', hash: '/inventory/unreviewed', ready: IP, check: [IP, STATE] },
  { name: 'inventory', hash: '/inventory/active', ready: TIER, check: [IP, TIER, STATE] },
  { name: 'risk-tiers', hash: '/tiers/classify', ready: TIER, check: [IP, TIER, STATE] },
  { name: 'patch-status', hash: '/status/overview', ready: '[data-testid="fleet-table-row"]', check: [IP, TIER, STATE, TILE_TITLE], noSideScroll: '[data-testid="fleet-table"]' },
  { name: 'overview', hash: '/overview', ready: TILE_TITLE, check: [TILE_TITLE, TIER, STATE] },
  { name: 'evidence', hash: '/evidence/build', ready: '[data-testid="evidence-screen"]', check: [TILE_TITLE, STATE] },
];

beforeAll(async () => {
  e2e = await startE2eSession({ owner: 'layout', seed: { at: NOW, actor: 'Dana Ortiz', run: seed }, host: { now: NOW } });
});
afterAll(() => e2e?.close());

describe('layout at common window sizes', () => {
  for (const size of SIZES) {
    it(`cuts off no address, badge or tile title at ${size.width}×${size.height}`, async () => {
      const { page } = await e2e.openApp({ viewport: size, navigate: false });
      const problems: string[] = [];
      for (const screen of SCREENS) {
        await open(page, screen.hash, screen.ready);
        await e2e.shot(page, `layout-${screen.name}-${size.width}`);
        for (const selector of screen.check) problems.push(...(await clipped(page, selector)).map((line) => `${screen.name} ${selector}: ${line}`));
        // A table that fits: every column in view without scrolling sideways.
        if (screen.noSideScroll) problems.push(...(await sideScroll(page, screen.noSideScroll)).map((line) => `${screen.name}: ${line}`));
      }

      // The CSV mapper, with long headers and IPv6 addresses in the preview.
      await open(page, '/inventory/active', TIER);
      await page.getByTestId('import-menu').click();
      await page.getByTestId('import-csv').click();
      const csv = [
        'Fully Qualified Host Name;Primary IPv6 Address;Responsible Owner (Department);Physical Location / Rack',
        'pms-db02.praxis-mueller-luedenscheidt.example.internal;2001:db8:4a5b:6c7d:8e9f:a0b1:c2d3:e4f6;Dr. Jürgen Weiß (Verwaltung);Serverraum Keller, Rack 2, HE 14',
        'printer-empfang;fe80::1ff:fe23:4567:890b;Anna Schäfer;Empfang',
      ].join('\n');
      await page.getByTestId('csv-file').setInputFiles({ name: 'inventory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('csv-mapping').waitFor();
      await e2e.shot(page, `layout-csv-mapper-${size.width}`);
      problems.push(...(await clipped(page, CSV_MAPPER)).map((line) => `csv-mapper: ${line}`));
      await page.close();
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
