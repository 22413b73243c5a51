/**
 * OSV records from the distributions' exports: formats.md §5.4. One record is one advisory (a
 * USN, DSA/DLA, RHSA, ALSA, RLSA or a distribution's CVE record); its CVEs may sit in `aliases`,
 * `related` or `upstream`, so all three are read. Each `affected` entry of a distribution
 * ecosystem becomes one row per fixed version (or one `open` row when no fix is named). Entries of
 * other ecosystems (npm, PyPI, ...) are left out with a warning: Patchdesk maps packages of the
 * operating systems it manages. Records are keyed on `id`, never on the file name.
 */
import type { AdvisoryInput, AffectedInput } from '../../../../db/repositories/intel-import.repository';
import { CVE_ID_PATTERN, FeedFormatError, isObject, shown, text } from '../feed-error';

export interface ParsedOsv {
  advisory: AdvisoryInput;
  warnings: string[];
}

/** Debian release numbers to codenames (the tracker and hosts speak codenames). */
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  '3.0': 'woody', '3.1': 'sarge', '4.0': 'etch', '5.0': 'lenny', '6.0': 'squeeze', '7': 'wheezy', '8': 'jessie', '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie', '14': 'forky',
};
/** Ubuntu release numbers to codenames, for records whose purl names no `distro`. */
const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  '14.04': 'trusty', '16.04': 'xenial', '18.04': 'bionic', '20.04': 'focal', '22.04': 'jammy', '23.04': 'lunar', '23.10': 'mantic', '24.04': 'noble', '24.10': 'oracular', '25.04': 'plucky', '25.10': 'questing',
};

/** Where an OSV ecosystem string points: distribution and release, or null for ecosystems Patchdesk does not map. */
export function distributionOf(ecosystem: string, purl: string | null): { distribution: string; release: string } | null {
  const [name = '', ...rest] = ecosystem.split(':');
  const version = rest.join(':');
  if (name === 'Debian' && version) {
    const number = version.replace(/^(\d+)\.0$/, (match, major: string) => (major === '3' || major === '4' || major === '5' || major === '6' ? match : major));
    return { distribution: 'debian', release: DEBIAN_CODENAMES[number] ?? DEBIAN_CODENAMES[version] ?? version };
  }
  if (name === 'Ubuntu' && version) {
    const number = rest.find((part) => /^\d{2}\.\d{2}$/.test(part)) ?? version;
    const distro = purl ? /[?&]distro=([a-z]+)/.exec(purl)?.[1] : undefined;
    return { distribution: 'ubuntu', release: distro ?? UBUNTU_CODENAMES[number] ?? number };
  }
  if (name === 'AlmaLinux' && version) return { distribution: 'almalinux', release: version.split('.')[0] ?? version };
  if (name === 'Rocky Linux' && version) return { distribution: 'rocky', release: version.split('.')[0] ?? version };
  if (name === 'Red Hat' && version) return { distribution: 'redhat', release: version };
  return null;
}

/** Parses one OSV record; `what` names the file (and archive entry) in messages. */
export function parseOsv(json: unknown, what: string): ParsedOsv {
  if (!isObject(json) || typeof json['id'] !== 'string' || !Array.isArray(json['affected'])) {
    throw new FeedFormatError(`${what} is not an OSV record: it needs an "id" and an "affected" list`);
  }
  const advisoryId = (json['id'] as string).trim();
  if (advisoryId === '' || advisoryId.length > 200) throw new FeedFormatError(`${what}: the OSV id ${shown(json['id'])} is not usable`);
  const cveIds = new Set<string>();
  for (const key of ['aliases', 'related', 'upstream']) {
    const list = json[key];
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'string' && CVE_ID_PATTERN.test(id.trim())) cveIds.add(id.trim());
  }
  if (CVE_ID_PATTERN.test(advisoryId)) cveIds.add(advisoryId);
  const withdrawn = text(json['withdrawn']);
  const warnings: string[] = [];
  const affected: AffectedInput[] = [];
  const distributions = new Set<string>();
  const skipped = new Set<string>();
  (json['affected'] as unknown[]).forEach((entry, index) => {
    if (!isObject(entry) || !isObject(entry['package'])) throw new FeedFormatError(`${what}, affected[${index}] has no "package"`);
    const ecosystem = text(entry['package']['ecosystem']) ?? '';
    const name = text(entry['package']['name']);
    if (!name) throw new FeedFormatError(`${what}, affected[${index}] has no package name`);
    const place = distributionOf(ecosystem, text(entry['package']['purl']));
    if (!place) {
      skipped.add(ecosystem || '(none)');
      return;
    }
    distributions.add(place.distribution);
    if (withdrawn) return;
    const fixed = fixedVersions(entry['ranges']);
    const base = { source: 'osv' as const, ...place, ecosystem, package: name, vulnId: null, advisoryId, urgency: null, note: null };
    if (fixed.length === 0) affected.push({ ...base, status: 'open', fixedVersion: null });
    for (const version of fixed) affected.push({ ...base, status: 'fixed', fixedVersion: version });
  });
  if (skipped.size > 0) warnings.push(`${advisoryId}: left out packages of ecosystems Patchdesk does not map (${[...skipped].join(', ')})`);
  if (distributions.size === 0) throw new FeedFormatError(`${what} is an OSV record (${shown(advisoryId)}) for ${[...skipped].join(', ') || 'no ecosystem'}, not for Debian, Ubuntu, AlmaLinux, Rocky Linux or Red Hat`);
  const severity = Array.isArray(json['severity']) ? json['severity'].filter(isObject).find((each) => typeof each['score'] === 'string') : undefined;
  return {
    advisory: {
      source: 'osv',
      advisoryId,
      distribution: [...distributions].sort().join(','),
      published: isoTime(json['published']),
      modified: isoTime(json['modified']),
      withdrawn: withdrawn ? isoTime(withdrawn) ?? withdrawn : null,
      summary: text(json['summary']),
      severityVector: severity ? text(severity['score']) : null,
      cveIds: [...cveIds].sort(),
      affected,
    },
    warnings,
  };
}

/** Every `fixed` event of the ECOSYSTEM ranges (GIT and SEMVER ranges say nothing about distribution packages). */
function fixedVersions(ranges: unknown): string[] {
  const fixed = new Set<string>();
  if (!Array.isArray(ranges)) return [];
  for (const range of ranges.filter(isObject)) {
    if (range['type'] !== 'ECOSYSTEM' || !Array.isArray(range['events'])) continue;
    for (const event of range['events'].filter(isObject)) {
      const version = text(event['fixed']);
      if (version) fixed.add(version);
    }
  }
  return [...fixed];
}

function isoTime(value: unknown): string | null {
  const raw = text(value);
  if (!raw) return null;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
