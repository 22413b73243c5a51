/**
 * Builds a {@link HostCollection} from the Linux collector script's output: the sections are
 * framed by `linux-sections.parser.ts`, each fed to the parser for its format, and the rest
 * (identity, uptime, reboot, last patch) read here.
 */
import type { HostCollection } from '../../../../shared/contract/patch-status';
import { epochToIso, type CollectionContext, type CollectionOutcome } from './collection-outcome';
import { readLinuxPackages } from './linux-packages';
import { assessLinuxReboot } from './linux-reboot';
import { splitLinuxSections, type CollectedSection } from './linux-sections.parser';
import { parseOsRelease } from './os-release';

/** What {@link parseLinuxCollection} can fail with. */
export type LinuxCollectionOutcome = CollectionOutcome<'unparseable' | 'unsupported_platform' | 'timeout'>;

/** The command that downloads repository metadata, per package manager (for the failure message). */
const REFRESH_HINT: Record<string, string> = { apt: 'apt-get update', dnf: 'dnf makecache', yum: 'yum makecache', zypper: 'zypper refresh', apk: 'apk update', pacman: 'pacman -Sy' };

// Metadata older than this means the pending list may miss recent fixes.
const STALE_METADATA_DAYS = 7;

/**
 * Parses one Linux collection. A missing or unreadable package section is an error for the
 * host (code `unparseable`, or `timeout` when the script's per-command limit hit); a host with
 * none of apt, dnf, yum, zypper, apk or pacman is `unsupported_platform`; a missing optional
 * section (reboot indicators, uptime, last patch time) only adds a warning.
 */
export function parseLinuxCollection(text: string, context: CollectionContext): LinuxCollectionOutcome {
  const framed = splitLinuxSections(text);
  if (!framed.ok) return { ok: false, code: 'unparseable', message: framed.error };
  if (framed.header.platform !== 'linux') return { ok: false, code: 'unparseable', message: `expected a Linux collection, got platform=${framed.header.platform}` };
  const { sections } = framed;
  const warnings = [...framed.warnings];
  const out = (name: string): string | undefined => {
    const s = sections.get(name);
    return s && s.exitCode === 0 ? s.stdout.trim() : undefined;
  };

  const manager = out('package-manager') ?? '';
  if (manager === '' || manager === 'none') {
    return { ok: false, code: 'unsupported_platform', message: 'no supported package manager (apt, dnf, yum, zypper, apk, pacman) was found on the host' };
  }
  const packages = readLinuxPackages(manager, sections);
  if (!packages.ok) return packages;
  // "Nothing pending" from a package manager that has no repository metadata at all (never
  // refreshed, or the cache emptied) is not a measurement: dnf -C and apt -s answer from what is
  // cached and report nothing when nothing is. Fail closed rather than call the host patched.
  if (packages.pending.length === 0 && sections.has('metadata-time') && out('metadata-time') === undefined) {
    return { ok: false, code: 'unparseable', message: `no ${manager} repository metadata was found on the host, so "nothing pending" cannot be trusted: refresh it on the host (${REFRESH_HINT[manager] ?? 'the package manager\'s refresh command'}) and collect again` };
  }
  warnings.push(...packages.warnings);

  const osRelease = parseOsRelease(sections.get('os-release')?.stdout ?? '');
  if (osRelease.size === 0) warnings.push('no /etc/os-release; the distribution is unknown');
  const osId = (osRelease.get('ID') ?? 'linux').toLowerCase();
  const kernel = out('kernel-release') ?? '';
  const hostname = out('hostname') ?? '';
  if (hostname === '') warnings.push('the host did not report its name');

  const reboot = assessLinuxReboot(sections, osId, kernel);
  warnings.push(...reboot.warnings);
  const uptime = readUptime(sections.get('uptime'), warnings);
  const lastPatchedAt = epochToIso(out('last-patch'));
  if (lastPatchedAt === null) warnings.push('the last patch time could not be read');
  checkMetadataAge(out('metadata-time'), context.collectedAt, warnings);

  const collection: HostCollection = {
    collectedAt: context.collectedAt,
    method: context.method,
    platform: 'linux',
    hostname,
    os: {
      id: osId,
      name: osRelease.get('PRETTY_NAME') ?? osRelease.get('NAME') ?? 'Linux',
      version: osRelease.get('VERSION_ID') ?? osRelease.get('VERSION') ?? '',
      build: kernel,
    },
    packageManager: manager,
    uptimeSeconds: uptime,
    rebootRequired: reboot.required,
    rebootReason: reboot.reason,
    lastPatchedAt,
    installedCount: packages.installed.filter((p) => p.status === 'installed').length,
    installed: packages.installed,
    pending: packages.pending,
    installedKbs: [],
    device: null,
    warnings,
  };
  return { ok: true, value: collection };
}

function readUptime(section: CollectedSection | undefined, warnings: string[]): number | null {
  const m = section && section.exitCode === 0 ? /^\s*(\d+(?:\.\d+)?)\s/.exec(`${section.stdout} `) : null;
  if (!m) {
    warnings.push('uptime could not be read');
    return null;
  }
  return Math.floor(Number(m[1]));
}

function checkMetadataAge(epoch: string | undefined, collectedAt: string, warnings: string[]): void {
  const refreshed = epochToIso(epoch);
  if (refreshed === null) {
    warnings.push('the age of the package metadata is unknown; pending updates reflect the last refresh on the host');
    return;
  }
  const days = Math.floor((Date.parse(collectedAt) - Date.parse(refreshed)) / 86_400_000);
  if (days > STALE_METADATA_DAYS) warnings.push(`package metadata was last refreshed ${days} days ago; pending updates may be incomplete`);
}
