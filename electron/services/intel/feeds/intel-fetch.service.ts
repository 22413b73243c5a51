/**
 * Downloads the feeds from their official addresses (or a mirror) and imports them with their
 * address and retrieval time as provenance. Each download goes to a private temporary file in
 * the feed store, is imported like any file (same checks, same refusals), and is removed.
 *
 * A mirror (`--mirror URL` or the `PATCHDESK_INTEL_MIRROR` setting) serves the same files under
 * one base address: `known_exploited_vulnerabilities.json`, `epss_scores-current.csv.gz`,
 * `debian-security-tracker.json` and `osv/<Ecosystem>/all.zip`.
 * NVD is not fetched in bulk: its API allows about 5 requests per 30 s without a key; import
 * NVD pages as files instead.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IntelImportResult } from '../../../../shared/contract/intel';
import { AppError } from '../../../platform/app-error';
import type { Clock } from '../../../platform/clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../../platform/private-files';
import type { IntelImportService } from './intel-import.service';

/** The feeds `intel fetch` knows, by name. */
export const FETCHABLE_FEEDS = ['kev', 'epss', 'debian-tracker'] as const;
export type FetchableFeed = (typeof FETCHABLE_FEEDS)[number];

/** The OSV ecosystems Patchdesk maps, as the OSV bucket names them. */
export const OSV_ECOSYSTEMS = ['Debian', 'Ubuntu', 'AlmaLinux', 'Rocky Linux', 'Red Hat'] as const;

/** The official addresses. */
export const OFFICIAL_ADDRESSES: Record<FetchableFeed, string> = {
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  'debian-tracker': 'https://security-tracker.debian.org/tracker/data/json',
};
const OSV_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';

/** The file names feeds are recorded (and mirrored) under. */
const FILE_NAMES: Record<FetchableFeed, string> = {
  kev: 'known_exploited_vulnerabilities.json',
  epss: 'epss_scores-current.csv.gz',
  'debian-tracker': 'debian-security-tracker.json',
};

/** The largest download accepted (an OSV all.zip is a few hundred MB). */
const MAX_DOWNLOAD_BYTES = 4 * 1024 ** 3;

/** One download to make. */
export interface FetchTarget {
  label: string;
  url: string;
  fileName: string;
}

/** What happened to one target. */
export type FetchOutcome = { target: FetchTarget; ok: true; result: IntelImportResult } | { target: FetchTarget; ok: false; error: string };

export interface IntelFetchDeps {
  imports: IntelImportService;
  clock: Clock;
  /** Where temporary downloads go (the feed store). */
  tempDir: string;
  /** The HTTP client; tests pass one that never leaves the machine. */
  fetch?: typeof globalThis.fetch;
}

/** The downloads for these feeds and OSV ecosystems, from the official addresses or a mirror. */
export function fetchTargets(feeds: readonly FetchableFeed[], osvEcosystems: readonly string[], mirror: string | undefined): FetchTarget[] {
  const base = mirror === undefined ? undefined : checkedMirror(mirror);
  const targets: FetchTarget[] = feeds.map((feed) => ({ label: feed, url: base ? `${base}/${FILE_NAMES[feed]}` : OFFICIAL_ADDRESSES[feed], fileName: FILE_NAMES[feed] }));
  for (const ecosystem of osvEcosystems) {
    const known = OSV_ECOSYSTEMS.find((each) => each.toLowerCase() === ecosystem.trim().toLowerCase());
    if (!known) throw new AppError('bad_request', `--osv: "${ecosystem}" is not an OSV ecosystem Patchdesk maps (${OSV_ECOSYSTEMS.join(', ')})`);
    const path = `${encodeURIComponent(known)}/all.zip`;
    targets.push({ label: `osv ${known}`, url: base ? `${base}/osv/${path}` : `${OSV_BASE}/${path}`, fileName: `osv-${known.toLowerCase().replace(/ /g, '-')}-all.zip` });
  }
  return targets;
}

function checkedMirror(mirror: string): string {
  let url: URL;
  try {
    url = new URL(mirror);
  } catch {
    throw new AppError('bad_request', `the mirror "${mirror}" is not an address (expected http://... or https://...)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('bad_request', `the mirror "${mirror}" must be an http or https address`);
  return url.toString().replace(/\/+$/, '');
}

export class IntelFetchService {
  constructor(private readonly deps: IntelFetchDeps) {}

  /** Downloads and imports each target in turn; one failing does not stop the others. */
  async fetchAll(targets: readonly FetchTarget[], onOutcome?: (outcome: FetchOutcome) => void): Promise<FetchOutcome[]> {
    const outcomes: FetchOutcome[] = [];
    for (const target of targets) {
      let outcome: FetchOutcome;
      try {
        outcome = { target, ok: true, result: await this.fetchOne(target) };
      } catch (error) {
        outcome = { target, ok: false, error: (error as Error).message };
      }
      outcomes.push(outcome);
      onOutcome?.(outcome);
    }
    return outcomes;
  }

  private async fetchOne(target: FetchTarget): Promise<IntelImportResult> {
    const retrievedAt = this.deps.clock.now().toISOString();
    ensurePrivateDir(this.deps.tempDir);
    const temp = join(this.deps.tempDir, `.download-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await this.download(target, temp);
      return await this.deps.imports.importFile(temp, { sourceUrl: target.url, retrievedAt, fileName: target.fileName });
    } finally {
      try {
        unlinkSync(temp);
      } catch {
        // Never created, or already gone.
      }
    }
  }

  private async download(target: FetchTarget, path: string): Promise<void> {
    const client = this.deps.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await client(target.url, { redirect: 'follow', headers: { 'user-agent': 'Patchdesk intel fetch' } });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new AppError('unavailable', `cannot download ${target.url}: ${cause ?? (error as Error).message}`);
    }
    if (!response.ok || !response.body) throw new AppError('unavailable', `cannot download ${target.url}: the server answered ${response.status} ${response.statusText}`.trimEnd());
    let total = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        if (total > MAX_DOWNLOAD_BYTES) callback(new AppError('unavailable', `${target.url} is larger than 4 GiB: not a feed`));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), limit, createWriteStream(path, { mode: PRIVATE_FILE_MODE, flags: 'wx' }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('unavailable', `the download of ${target.url} failed: ${(error as Error).message}`);
    }
  }
}
