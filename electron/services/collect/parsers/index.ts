/**
 * The registry of collection parsers: one pure parser per output format, under the name
 * `patchdesk parse --list` shows.
 */
import { parseApk } from './apk.parser';
import { parseAptList } from './apt-list.parser';
import { parseAptSimulate } from './apt-simulate.parser';
import { parseCiscoIos } from './cisco-ios.parser';
import { parseCiscoNxos } from './cisco-nxos.parser';
import { parseAptReleaseDates } from './apt-release-dates.parser';
import { parseDnfUpdateinfoInfo } from './dnf-updateinfo-info.parser';
import { parseDnfUpdateinfo } from './dnf-updateinfo.parser';
import { parseDpkgQuery } from './dpkg-query.parser';
import { parseFortiOs } from './fortios.parser';
import { parsePacman } from './pacman.parser';
import { parseRouterOs } from './routeros.parser';
import { parseRpmQuery } from './rpm-query.parser';
import type { ParseResult, ParserInput } from './types';
import { parseWindowsUpdateJson } from './windows-update-json.parser';
import { parseYumCheckUpdate } from './yum-check-update.parser';
import { parseZypperPatches } from './zypper-patches.parser';
import { parseZypperUpdates } from './zypper-updates.parser';
import { parseZypperXml } from './zypper-xml.parser';

/** Every format name a collector can hand to the parsers. */
export const FORMAT_NAMES = [
  'apt-simulate',
  'apt-list',
  'dpkg-query',
  'yum-check-update',
  'dnf-updateinfo',
  'dnf-updateinfo-info',
  'apt-release-dates',
  'rpm-query',
  'zypper-updates',
  'zypper-patches',
  'zypper-xml',
  'apk',
  'pacman',
  'windows-update-json',
  'cisco-ios',
  'cisco-nxos',
  'routeros',
  'fortios',
] as const;

/** A format name from {@link FORMAT_NAMES}. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What the registry holds for one format. */
export interface ParserEntry {
  description: string;
  parse: (input: ParserInput) => ParseResult<unknown>;
}

/** Parsers by format name, with the one-line description the CLI lists. */
export const PARSERS: Record<FormatName, ParserEntry> = {
  'apt-simulate': { description: 'apt-get -s [-qq] upgrade|dist-upgrade: upgrades, NEW packages and removals, security from the origin', parse: parseAptSimulate },
  'apt-list': { description: 'apt list --upgradable: candidate and installed versions per arch, security from the suite', parse: parseAptList },
  'dpkg-query': { description: 'dpkg-query -W -f (tab or JSON lines): installed packages with source package and status', parse: parseDpkgQuery },
  'yum-check-update': { description: 'yum/dnf check-update, dnf5 check-upgrade: pending updates, obsoleting replacements (exit 100 = updates)', parse: parseYumCheckUpdate },
  'dnf-updateinfo': { description: 'dnf updateinfo list [--security] [--with-cve]: advisory or CVE, severity and NEVRA per line', parse: parseDnfUpdateinfo },
  'dnf-updateinfo-info': {
    description: 'dnf/yum updateinfo info: each advisory with its Issued (else Updated) date, for SLA clocks from publication',
    // The dates as a plain object, so `patchdesk parse` prints them (a Map would print as {}).
    parse: (input) => {
      const result = parseDnfUpdateinfoInfo(input);
      return result.ok ? { ok: true, value: { dates: Object.fromEntries(result.value.dates) } } : result;
    },
  },
  'apt-release-dates': { description: "the collector's apt-release-dates section: Suite, Codename and Date of each apt Release/InRelease file", parse: parseAptReleaseDates },
  'rpm-query': { description: 'rpm -qa --queryformat (tab or JSON lines): installed packages with EVR and source rpm', parse: parseRpmQuery },
  'zypper-updates': { description: 'zypper list-updates table: package updates', parse: parseZypperUpdates },
  'zypper-patches': { description: 'zypper list-patches [--all] table: needed patches, security from the category column', parse: parseZypperPatches },
  'zypper-xml': { description: 'zypper --xmlout list-updates / list-patches / search -t patch: updates and patches with CVEs', parse: parseZypperXml },
  apk: { description: "Alpine apk list --upgradable or apk version -l '<': pending upgrades", parse: parseApk },
  pacman: { description: 'Arch checkupdates or pacman -Qu: pending upgrades (checkupdates exit 2 = none)', parse: parsePacman },
  'windows-update-json': { description: 'Windows Update Agent search as JSON from the PowerShell collector: KBs, severity, CVEs, reboot behaviour', parse: parseWindowsUpdateJson },
  'cisco-ios': { description: 'Cisco IOS / IOS-XE show version: version, model, serial, hostname, uptime', parse: parseCiscoIos },
  'cisco-nxos': { description: 'Cisco NX-OS show version: version, chassis, serial, device name, uptime', parse: parseCiscoNxos },
  routeros: { description: 'MikroTik /system resource print: version and channel, board, uptime', parse: parseRouterOs },
  fortios: { description: 'FortiOS get system status: model, version and build, serial, hostname', parse: parseFortiOs },
};

/** True when `name` is a registered format. */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export type * from './types';
export { applyRpmAdvisories } from './apply-rpm-advisories';
