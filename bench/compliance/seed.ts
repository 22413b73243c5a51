/**
 * A realistic site history for the compliance and evidence-pack benchmarks: N assets (1,000 by
 * default) in every tier and a few operating systems (some past end of life), weekly collection
 * runs over 12 months with a few failures, monthly fixes (Windows cumulative updates, Linux
 * package advisories) that appear and are installed after a tier-dependent delay (a few never
 * are), and a handful of exceptions (expired, expiring soon, renewed, closed).
 *
 * Everything goes through the product's own repositories (SQL stays in electron/db), in one
 * transaction, and is deterministic for a given seed, so two runs measure the same data.
 */
import { join } from 'node:path';
import type { AssetRecord } from '../../electron/db/repositories/assets.repository';
import { AssetsRepository } from '../../electron/db/repositories/assets.repository';
import { ComplianceRepository } from '../../electron/db/repositories/compliance.repository';
import { ExceptionsRepository } from '../../electron/db/repositories/exceptions.repository';
import { PatchStatusRepository } from '../../electron/db/repositories/patch-status.repository';
import { SitesRepository } from '../../electron/db/repositories/sites.repository';
import { DATABASE_FILE } from '../../electron/core/data-dir';
import { openDatabase, type Db } from '../../electron/db/database';
import { writeTransaction } from '../../electron/db/write-transaction';
import type { HostCollection, PendingUpdateData } from '../../shared/contract/patch-status';
import { DEFAULT_PATCH_POLICY } from '../../shared/domain/patch-policy';
import type { Tier } from '../../shared/domain/risk-tier';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** What to generate. Every field has a default. */
export interface ComplianceSeedOptions {
  /** Active assets in the site (default 1,000). */
  assets?: number;
  /** Months of history before `end` (default 12). */
  months?: number;
  /** The instant the history ends; the last collection run is an hour before it (default 2026-11-02T09:00Z). */
  end?: string;
  /** The site's IANA time zone (default Europe/Berlin). */
  timeZone?: string;
  siteName?: string;
  /** PRNG seed (default 1). */
  seed?: number;
}

/** What was generated. */
export interface ComplianceSeedResult {
  siteId: number;
  assetIds: number[];
  /** The first collection run. */
  historyStart: string;
  end: string;
  timeZone: string;
  counts: { assets: number; runs: number; collections: number; failedCollections: number; fixRows: number; openFixes: number; exceptions: number };
}

/** mulberry32: small, fast and good enough for test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface OsProfile {
  family: 'windows' | 'linux';
  os: HostCollection['os'];
  packageManager: string;
  arch: string;
  /** Share of the fleet. */
  weight: number;
  /** Legacy boxes nobody dares to patch: most fixes stay missing. */
  legacy: boolean;
  advisoryPrefix: 'DSA' | 'USN' | 'RHSA' | 'KB';
}

const OS_PROFILES: OsProfile[] = [
  { family: 'windows', os: { id: 'windows-server', name: 'Microsoft Windows Server 2022 Standard', version: '21H2', build: '10.0.20348.2340' }, packageManager: 'windows-update', arch: '', weight: 0.3, legacy: false, advisoryPrefix: 'KB' },
  { family: 'windows', os: { id: 'windows-server', name: 'Microsoft Windows Server 2019 Standard', version: '1809', build: '10.0.17763.5458' }, packageManager: 'windows-update', arch: '', weight: 0.15, legacy: false, advisoryPrefix: 'KB' },
  { family: 'windows', os: { id: 'windows-server', name: 'Microsoft Windows Server 2012 R2 Standard', version: '6.3.9600', build: '6.3.9600' }, packageManager: 'windows-update', arch: '', weight: 0.015, legacy: true, advisoryPrefix: 'KB' },
  { family: 'linux', os: { id: 'debian', name: 'Debian GNU/Linux 12 (bookworm)', version: '12', build: '6.1.0-28-amd64' }, packageManager: 'apt', arch: 'amd64', weight: 0.25, legacy: false, advisoryPrefix: 'DSA' },
  { family: 'linux', os: { id: 'ubuntu', name: 'Ubuntu 22.04.5 LTS', version: '22.04', build: '5.15.0-124-generic' }, packageManager: 'apt', arch: 'amd64', weight: 0.14, legacy: false, advisoryPrefix: 'USN' },
  { family: 'linux', os: { id: 'rhel', name: 'Red Hat Enterprise Linux 8.10 (Ootpa)', version: '8.10', build: '4.18.0-553.el8_10.x86_64' }, packageManager: 'dnf', arch: 'x86_64', weight: 0.125, legacy: false, advisoryPrefix: 'RHSA' },
  { family: 'linux', os: { id: 'centos', name: 'CentOS Linux 7 (Core)', version: '7', build: '3.10.0-1160.el7.x86_64' }, packageManager: 'yum', arch: 'x86_64', weight: 0.02, legacy: true, advisoryPrefix: 'RHSA' },
];

const LINUX_PACKAGES = ['openssl', 'curl', 'openssh-server', 'linux-image', 'sudo', 'glibc', 'bash', 'tzdata', 'python3', 'systemd', 'libxml2', 'nginx', 'git', 'vim', 'expat', 'zlib', 'krb5', 'bind9', 'postgresql', 'libssh'];
const LINUX_SEVERITY: Record<OsProfile['advisoryPrefix'], string[]> = {
  DSA: ['high', 'medium', 'low', 'medium'],
  USN: ['high', 'medium', 'low', 'critical'],
  RHSA: ['Important/Sec.', 'Moderate/Sec.', 'Low/Sec.', 'Critical/Sec.'],
  KB: ['Critical', 'Important'],
};

/** One fix released for one OS profile. */
interface ReleasedFix {
  releasedMs: number;
  update: PendingUpdateData;
}

/** The days from release to install on an asset of a tier (null: unclassified). */
function installDelayDays(tier: Tier | null, random: () => number): number {
  const [min, max] = tier === 1 ? [1, 10] : tier === 2 ? [3, 21] : tier === 3 ? [5, 35] : tier === 4 ? [7, 50] : [5, 30];
  return min + random() * (max - min);
}

/** The second Tuesday of a UTC month (Patch Tuesday), 18:00 UTC. */
function patchTuesday(year: number, month: number): number {
  const first = new Date(Date.UTC(year, month, 1, 18));
  const toTuesday = (2 - first.getUTCDay() + 7) % 7;
  return first.getTime() + (toTuesday + 7) * DAY_MS;
}

function releasesFor(profile: OsProfile, profileIndex: number, monthStarts: number[], random: () => number): ReleasedFix[] {
  const out: ReleasedFix[] = [];
  monthStarts.forEach((monthStart, monthIndex) => {
    const date = new Date(monthStart);
    const label = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    if (profile.family === 'windows') {
      const released = patchTuesday(date.getUTCFullYear(), date.getUTCMonth());
      const kb = 5_030_000 + monthIndex * 100 + profileIndex * 7;
      out.push({
        releasedMs: released,
        update: { name: `${label} Cumulative Update for ${profile.os.name} (KB${kb})`, installedVersion: null, availableVersion: '', repository: 'Windows Update', security: true, cves: [`CVE-${date.getUTCFullYear()}-${21_000 + monthIndex * 10 + profileIndex}`], advisories: [`KB${kb}`], severity: 'Critical', kind: 'patch' },
      });
      out.push({
        releasedMs: released,
        update: { name: `${label} Cumulative Update for .NET Framework 4.8 on ${profile.os.name} (KB${kb + 1})`, installedVersion: null, availableVersion: '', repository: 'Windows Update', security: true, cves: [], advisories: [`KB${kb + 1}`], severity: 'Important', kind: 'patch' },
      });
      out.push({
        releasedMs: released,
        update: { name: `Windows Malicious Software Removal Tool x64 - v5.${130 + monthIndex} (KB890830)`, installedVersion: null, availableVersion: '', repository: 'Windows Update', security: false, cves: [], advisories: ['KB890830'], kind: 'patch' },
      });
      return;
    }
    const count = 4 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const name = LINUX_PACKAGES[Math.floor(random() * LINUX_PACKAGES.length)] ?? 'openssl';
      const security = random() < 0.75;
      const severities = LINUX_SEVERITY[profile.advisoryPrefix];
      const severity = security ? severities[Math.floor(random() * severities.length)] : undefined;
      const serial = 5_000 + monthIndex * 40 + i;
      const advisory = profile.advisoryPrefix === 'RHSA' ? `RHSA-${date.getUTCFullYear()}:${serial}` : profile.advisoryPrefix === 'USN' ? `USN-${serial}-1` : `DSA-${serial}-1`;
      out.push({
        releasedMs: monthStart + Math.floor(random() * 27) * DAY_MS + 10 * 3_600_000,
        update: {
          name,
          arch: profile.arch,
          installedVersion: `1.${monthIndex}.0`,
          availableVersion: `1.${monthIndex + 1}.0`,
          repository: security ? 'security' : 'updates',
          security,
          cves: security ? [`CVE-${date.getUTCFullYear()}-${30_000 + monthIndex * 50 + i}`] : [],
          advisories: security ? [advisory] : [],
          ...(severity ? { severity } : {}),
          kind: 'upgrade',
        },
      });
    }
  });
  return out.sort((a, b) => a.releasedMs - b.releasedMs);
}

function pickProfile(random: () => number): number {
  let r = random();
  for (let i = 0; i < OS_PROFILES.length; i++) {
    r -= OS_PROFILES[i]?.weight ?? 0;
    if (r <= 0) return i;
  }
  return 0;
}

function pickTier(random: () => number): Tier | null {
  const r = random();
  return r < 0.1 ? 1 : r < 0.4 ? 2 : r < 0.8 ? 3 : r < 0.95 ? 4 : null;
}

interface SeedAsset {
  id: number;
  profile: number;
  tier: Tier | null;
  address: string;
  hostname: string;
  /** Fixes that apply, each with when it is installed (Infinity: never). */
  fixes: { fix: ReleasedFix; installMs: number }[];
  neverCollected: boolean;
  /** From this instant on every collection fails (Infinity: never). */
  failingFromMs: number;
}

/** Fills an open database with a site and its history; see the file comment. */
export function seedComplianceHistory(db: Db, options: ComplianceSeedOptions = {}): ComplianceSeedResult {
  const assetCount = options.assets ?? 1_000;
  const months = options.months ?? 12;
  const end = Date.parse(options.end ?? '2026-11-02T09:00:00.000Z');
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  const random = prng(options.seed ?? 1);

  const sites = new SitesRepository(db);
  const assets = new AssetsRepository(db);
  const patchStatus = new PatchStatusRepository(db);
  const exceptions = new ExceptionsRepository(db);

  const lastRun = end - 3_600_000;
  const weeks = Math.ceil((months * 30.44 * DAY_MS) / WEEK_MS);
  const firstRun = lastRun - weeks * WEEK_MS;
  const createdAt = new Date(firstRun - WEEK_MS).toISOString();
  // Fixes released a month before the first run are the backlog the first collection finds.
  const firstMonth = new Date(firstRun);
  const monthStarts = Array.from({ length: months + 2 }, (_, i) => Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth() - 1 + i, 1));
  const releases = OS_PROFILES.map((profile, index) => releasesFor(profile, index, monthStarts, random).filter((fix) => fix.releasedMs < lastRun));

  const counts = { assets: 0, runs: 0, collections: 0, failedCollections: 0, fixRows: 0, openFixes: 0, exceptions: 0 };
  const { siteId, assetIds } = writeTransaction(db, () => {
    const siteId = sites.insert({ name: options.siteName ?? `Bench ${assetCount}`, networks: ['10.0.0.0/16'], timezone: timeZone, contact: { name: '', email: '', phone: '' }, notes: 'benchmark data' }, DEFAULT_PATCH_POLICY, createdAt);

    const seeded: SeedAsset[] = [];
    for (let i = 0; i < assetCount; i++) {
      const profileIndex = pickProfile(random);
      const profile = OS_PROFILES[profileIndex] ?? (OS_PROFILES[0] as OsProfile);
      const tier = pickTier(random);
      const address = `10.0.${Math.floor((i + 1) / 250)}.${((i + 1) % 250) + 1}`;
      const hostname = `${profile.family === 'windows' ? 'win' : 'lnx'}-${String(i + 1).padStart(4, '0')}`;
      const record: AssetRecord = {
        siteId,
        hostname,
        addresses: [address],
        mac: '',
        osFamily: profile.family,
        osName: profile.os.name,
        osVersion: profile.os.version,
        deviceType: 'server',
        role: '',
        owner: '',
        department: '',
        location: '',
        tags: [profile.family],
        access: { method: profile.family === 'windows' ? 'winrm' : 'ssh', port: null, username: '' },
        notes: '',
        status: 'active',
        source: 'csv',
        stale: false,
        missedScans: 0,
        firstSeenAt: null,
        lastSeenAt: null,
        openPorts: [],
        evidence: [],
        classification: null,
        computedTier: tier,
        tierOverride: null,
        createdAt,
        updatedAt: createdAt,
      };
      const id = assets.insert(record);
      const fixes = (releases[profileIndex] ?? [])
        .filter(() => profile.family === 'windows' || random() < 0.85)
        .map((fix) => {
          const never = profile.legacy ? random() < 0.8 : random() < 0.01;
          return { fix, installMs: never ? Infinity : fix.releasedMs + installDelayDays(tier, random) * DAY_MS };
        });
      seeded.push({
        id,
        profile: profileIndex,
        tier,
        address,
        hostname,
        fixes,
        neverCollected: i % 331 === 7,
        failingFromMs: i % 97 === 11 ? lastRun - 3 * WEEK_MS + 1 : Infinity,
      });
    }
    counts.assets = seeded.length;

    for (let week = 0; week <= weeks; week++) {
      const runStart = firstRun + week * WEEK_MS;
      const runId = patchStatus.startRun(siteId, seeded.length, { concurrency: 25 }, new Date(runStart).toISOString());
      let ok = 0;
      let failed = 0;
      seeded.forEach((asset, index) => {
        if (asset.neverCollected) return;
        const at = runStart + index * 2_000;
        const collectedAt = new Date(at).toISOString();
        if (at >= asset.failingFromMs || random() < 0.01) {
          patchStatus.recordFailure(asset.id, runId, collectedAt, OS_PROFILES[asset.profile]?.family === 'windows' ? 'winrm' : 'ssh', 'timeout', `${asset.address}: no answer within 10 s`);
          failed++;
          return;
        }
        patchStatus.recordSuccess(asset.id, runId, collectionOf(asset, at));
        ok++;
      });
      patchStatus.finishRun(runId, 'completed', { ok, failed }, new Date(runStart + seeded.length * 2_000).toISOString());
      counts.runs++;
      counts.collections += ok + failed;
      counts.failedCollections += failed;
    }

    counts.exceptions = seedExceptions(exceptions, siteId, seeded, end, random);
    return { siteId, assetIds: seeded.map((asset) => asset.id) };
  });

  const rows = new ComplianceRepository(db).fixCounts(siteId);
  counts.fixRows = rows.total;
  counts.openFixes = rows.open;
  return { siteId, assetIds, historyStart: new Date(firstRun).toISOString(), end: new Date(end).toISOString(), timeZone, counts };
}

function collectionOf(asset: SeedAsset, at: number): HostCollection {
  const profile = OS_PROFILES[asset.profile] ?? (OS_PROFILES[0] as OsProfile);
  // Newest first, so that when two releases of one package are missing the newer one is kept.
  const pending: PendingUpdateData[] = [];
  for (let i = asset.fixes.length - 1; i >= 0; i--) {
    const entry = asset.fixes[i];
    if (entry && entry.fix.releasedMs <= at && entry.installMs > at) pending.push(entry.fix.update);
  }
  return {
    collectedAt: new Date(at).toISOString(),
    method: profile.family === 'windows' ? 'winrm' : 'ssh',
    platform: profile.family,
    hostname: asset.hostname,
    os: profile.os,
    packageManager: profile.packageManager,
    uptimeSeconds: 86_400 * 9,
    rebootRequired: pending.length > 0 && profile.family === 'windows',
    rebootReason: '',
    lastPatchedAt: null,
    installedCount: 600,
    installed: [],
    pending,
    installedKbs: [],
    device: null,
    warnings: [],
  };
}

/** The register: one of each interesting status, and some routine asset-wide entries. */
function seedExceptions(repository: ExceptionsRepository, siteId: number, assets: SeedAsset[], end: number, random: () => number): number {
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = { siteId, reason: 'Vendor support pending; compensating controls in place', compensatingControls: 'Isolated VLAN', owner: 'IT lead', approver: 'CFO', remediationDate: null, createdBy: 'bench' };
  const legacy = assets.find((asset) => OS_PROFILES[asset.profile]?.legacy) ?? assets[0];
  const linux = assets.find((asset) => OS_PROFILES[asset.profile]?.family === 'linux' && asset.tier === 3) ?? assets[0];
  if (!legacy || !linux) return 0;
  let count = 0;
  const insert = (entry: { scope: { kind: 'asset' | 'update' | 'cve' | 'kb' | 'package'; assetId: number | null; value: string }; startsAt: number; expiresAt: number; renewsId?: number | null }) => {
    count++;
    return repository.insert({ ...base, scope: entry.scope, startsAt: iso(entry.startsAt), expiresAt: iso(entry.expiresAt), renewsId: entry.renewsId ?? null, createdAt: iso(entry.startsAt) });
  };
  // Expired 60 days ago and never renewed: its fixes are breaches again.
  insert({ scope: { kind: 'asset', assetId: legacy.id, value: '' }, startsAt: end - 150 * DAY_MS, expiresAt: end - 60 * DAY_MS });
  // Expiring within the fortnight.
  insert({ scope: { kind: 'package', assetId: null, value: 'libssh' }, startsAt: end - 40 * DAY_MS, expiresAt: end + 10 * DAY_MS });
  // Renewed before it expired; the renewal is active.
  const first = insert({ scope: { kind: 'package', assetId: linux.id, value: 'openssl' }, startsAt: end - 100 * DAY_MS, expiresAt: end - 20 * DAY_MS });
  const renewal = insert({ scope: { kind: 'package', assetId: linux.id, value: 'openssl' }, startsAt: end - 25 * DAY_MS, expiresAt: end + 60 * DAY_MS, renewsId: first });
  repository.markRenewed(first, renewal);
  // Closed early when the fix went in.
  const closed = insert({ scope: { kind: 'kb', assetId: null, value: 'KB890830' }, startsAt: end - 70 * DAY_MS, expiresAt: end + 15 * DAY_MS });
  repository.close(closed, iso(end - 30 * DAY_MS), 'Applied');
  for (let i = 0; i < 8; i++) {
    const asset = assets[Math.floor(random() * assets.length)];
    if (!asset) continue;
    const startsAt = end - Math.floor(30 + random() * 300) * DAY_MS;
    insert({ scope: { kind: 'asset', assetId: asset.id, value: '' }, startsAt, expiresAt: startsAt + Math.floor(30 + random() * 60) * DAY_MS });
  }
  return count;
}

/** Creates (or reuses) the database in a data folder and fills it; see `seedComplianceHistory`. */
export function seedComplianceDataDir(dataDir: string, options: ComplianceSeedOptions = {}): ComplianceSeedResult {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return seedComplianceHistory(db, options);
  } finally {
    db.close();
  }
}
