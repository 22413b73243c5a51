/**
 * Turns the package sections of a Linux collection into pending updates and the installed
 * inventory, with the parser that fits the host's package manager. A package section that is
 * missing, failed or unreadable fails the whole host: "could not tell" must never read as
 * "nothing pending".
 */
import { formatRpmEvr } from '../../../../shared/domain/versions';
import { applyRpmAdvisories, applyRpmPublication } from '../parsers/apply-rpm-advisories';
import { applyAptReleaseDates, parseAptReleaseDates } from '../parsers/apt-release-dates.parser';
import { parseDnfUpdateinfoInfo } from '../parsers/dnf-updateinfo-info.parser';
import { parseApk } from '../parsers/apk.parser';
import { parseAptSimulate } from '../parsers/apt-simulate.parser';
import { parseDnfUpdateinfo, type RpmAdvisoryEntry } from '../parsers/dnf-updateinfo.parser';
import { parseDpkgQuery } from '../parsers/dpkg-query.parser';
import { parsePacman } from '../parsers/pacman.parser';
import { parseRpmQuery } from '../parsers/rpm-query.parser';
import type { InstalledPackage, ParseResult, ParserInput, PendingUpdate } from '../parsers/types';
import { parseYumCheckUpdate } from '../parsers/yum-check-update.parser';
import { parseZypperXml } from '../parsers/zypper-xml.parser';
import type { CollectedSection } from './linux-sections.parser';
import { parseApkInstalledDb, parsePacmanInstalled } from './simple-inventory.parser';

/** Package managers the Linux script knows how to query. */
export const LINUX_PACKAGE_MANAGERS = ['apt', 'dnf', 'yum', 'zypper', 'apk', 'pacman'] as const;

/** The package state of one host, or why it could not be read. */
export type LinuxPackagesResult =
  | { ok: true; pending: PendingUpdate[]; installed: InstalledPackage[]; warnings: string[] }
  | { ok: false; code: 'unparseable' | 'timeout'; message: string };

type Sections = Map<string, CollectedSection>;
type Failure = Extract<LinuxPackagesResult, { ok: false }>;

// GNU and busybox timeout exit with 124 when the limit hit.
const TIMEOUT_EXIT = 124;

/** Reads pending updates and installed packages for `manager` from the collected sections. */
export function readLinuxPackages(manager: string, sections: Sections): LinuxPackagesResult {
  switch (manager) {
    case 'apt':
      return datedByReleases(combine(required(sections, 'apt-simulate', parseAptSimulate), required(sections, 'dpkg-query', parseDpkgQuery)), sections);
    case 'dnf':
    case 'yum':
      return readRpmFamily(sections);
    case 'zypper':
      return readZypper(sections);
    case 'apk': {
      const list = sections.get('apk-list');
      const name = list && list.exitCode === 0 ? 'apk-list' : 'apk-version';
      return combine(required(sections, name, parseApk), required(sections, 'apk-installed', parseApkInstalledDb));
    }
    case 'pacman': {
      const check = sections.get('pacman-checkupdates');
      // checkupdates fails without network or fakeroot; pacman -Qu then gives the last sync's view.
      const name = check && (check.exitCode === 0 || check.exitCode === 2) ? 'pacman-checkupdates' : 'pacman-qu';
      const fallbackNote = check && name === 'pacman-qu' ? ['checkupdates failed; pending updates are as of the last pacman -Sy'] : [];
      const result = combine(required(sections, name, parsePacman), required(sections, 'pacman-installed', parsePacmanInstalled));
      return result.ok ? { ...result, warnings: [...fallbackNote, ...result.warnings] } : result;
    }
    default:
      return { ok: false, code: 'unparseable', message: `unknown package manager "${manager.slice(0, 40)}"` };
  }
}

function readRpmFamily(sections: Sections): LinuxPackagesResult {
  const updates = required(sections, 'check-update', parseYumCheckUpdate);
  const result = combine(updates, required(sections, 'rpm-query', parseRpmQuery));
  if (!result.ok) return result;
  const info = sections.get('updateinfo');
  if (!info) return { ...result, warnings: [...result.warnings, 'no updateinfo section; security status of updates is unknown'] };
  const advisories = parseDnfUpdateinfo(inputOf(info));
  if (!advisories.ok) return { ...result, warnings: [...result.warnings, `updateinfo unreadable, security status unknown: ${advisories.error}`] };
  const classified = classifyRpmUpdates(result.pending, advisories.value.entries);
  const dated = datedByAdvisories(classified, advisories.value.entries, sections.get('updateinfo-info'));
  return { ...result, pending: dated.pending, warnings: [...result.warnings, ...advisories.value.warnings, ...dated.warnings] };
}

/**
 * Publication dates from `updateinfo info` (optional: collections made before it was gathered
 * lack it). Any failure leaves every update undated, so it counts from first seen, and says why.
 */
function datedByAdvisories(updates: PendingUpdate[], entries: RpmAdvisoryEntry[], section: CollectedSection | undefined): { pending: PendingUpdate[]; warnings: string[] } {
  if (!section) return { pending: updates, warnings: ['no updateinfo-info section; SLA clocks of these updates start when first seen'] };
  const info = parseDnfUpdateinfoInfo(inputOf(section));
  if (!info.ok) return { pending: updates, warnings: [`advisory dates unreadable, SLA clocks start when first seen: ${info.error}`] };
  return { pending: applyRpmPublication(updates, entries, info.value.dates), warnings: [] };
}

/** Upper bounds of publication from apt's Release files (optional section, like the rpm dates). */
function datedByReleases(result: LinuxPackagesResult, sections: Sections): LinuxPackagesResult {
  if (!result.ok) return result;
  const section = sections.get('apt-release-dates');
  if (!section) return { ...result, warnings: [...result.warnings, 'no apt-release-dates section; SLA clocks of these updates start when first seen'] };
  const parsed = parseAptReleaseDates(inputOf(section));
  if (!parsed.ok) return { ...result, warnings: [...result.warnings, `apt Release dates unreadable, SLA clocks start when first seen: ${parsed.error}`] };
  return { ...result, pending: applyAptReleaseDates(result.pending, parsed.value.releases), warnings: [...result.warnings, ...parsed.value.warnings] };
}

/**
 * Security advisories mark their updates; an update named only by bugfix or enhancement
 * advisories is known not to be a security fix; the rest stay unknown (null), because a
 * repository without updateinfo metadata prints nothing at all.
 */
function classifyRpmUpdates(updates: PendingUpdate[], entries: RpmAdvisoryEntry[]): PendingUpdate[] {
  const advised = new Set(entries.map((e) => `${e.package.name}.${e.package.arch ?? ''}@${formatRpmEvr(e.package)}`));
  return applyRpmAdvisories(updates, entries).map((u) => (u.security === null && advised.has(`${u.name}.${u.arch ?? ''}@${u.availableVersion}`) ? { ...u, security: false } : u));
}

function readZypper(sections: Sections): LinuxPackagesResult {
  const updates = required(sections, 'zypper-updates', parseZypperXml);
  const patches = required(sections, 'zypper-patches', parseZypperXml);
  const installed = required(sections, 'rpm-query', parseRpmQuery);
  if (!updates.ok) return updates;
  if (!patches.ok) return patches;
  if (!installed.ok) return installed;
  return {
    ok: true,
    pending: [...patches.value.updates, ...updates.value.updates],
    installed: installed.value.packages,
    warnings: [...patches.value.warnings, ...updates.value.warnings],
  };
}

function combine(
  pending: { ok: true; value: { updates: PendingUpdate[]; warnings: string[] } } | Failure,
  installed: { ok: true; value: { packages: InstalledPackage[]; warnings: string[] } } | Failure,
): LinuxPackagesResult {
  if (!pending.ok) return pending;
  if (!installed.ok) return installed;
  return { ok: true, pending: pending.value.updates, installed: installed.value.packages, warnings: [...pending.value.warnings, ...installed.value.warnings] };
}

function required<T>(sections: Sections, name: string, parse: (input: ParserInput) => ParseResult<T>): { ok: true; value: T } | Failure {
  const section = sections.get(name);
  if (!section) return { ok: false, code: 'unparseable', message: `the collection has no ${name} section` };
  if (section.exitCode === TIMEOUT_EXIT) return { ok: false, code: 'timeout', message: `${name} did not finish within the script's time limit` };
  const result = parse(inputOf(section));
  return result.ok ? result : { ok: false, code: 'unparseable', message: `${name}: ${result.error}` };
}

function inputOf(section: CollectedSection): ParserInput {
  return { stdout: section.stdout, stderr: section.stderr, exitCode: section.exitCode };
}
