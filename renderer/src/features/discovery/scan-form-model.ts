import { DEFAULT_SCAN_PORTS, ScanOptions, type ScanStartRequest, type Site } from '../../../../shared/contract';
import { splitTargets, summariseTargets } from '../../lib/target-list';

/** The scan form as edited. */
export interface ScanFormValues {
  targetsText: string;
  portsText: string;
  timeoutMs: string;
  concurrency: string;
  snmpCommunity: string;
  reverseDns: boolean;
  grabBanners: boolean;
}

export type ScanFormErrors = Partial<Record<'targets' | 'ports' | 'timeoutMs' | 'concurrency' | 'snmpCommunity', string>>;

/** The default port profile as text. */
export const DEFAULT_PORTS_TEXT = DEFAULT_SCAN_PORTS.join(', ');

/** A scan of the site's networks with the default profile. */
export function defaultScanForm(site: Pick<Site, 'networks'>): ScanFormValues {
  return { targetsText: site.networks.join('\n'), portsText: DEFAULT_PORTS_TEXT, timeoutMs: '1500', concurrency: '512', snmpCommunity: '', reverseDns: true, grabBanners: true };
}

/** Reads "22, 80, 8000-8010" into a sorted list of distinct ports, or says what is wrong. */
export function parsePorts(text: string): { ok: true; ports: number[] } | { ok: false; message: string } {
  const ports = new Set<number>();
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d{1,5})-(\d{1,5})$/.exec(part);
    const [low, high] = range ? [Number(range[1]), Number(range[2])] : /^\d{1,5}$/.test(part) ? [Number(part), Number(part)] : [NaN, NaN];
    if (!Number.isInteger(low) || !Number.isInteger(high)) return { ok: false, message: `"${part}" is not a port or port range` };
    if (low < 1 || high > 65535 || low > high) return { ok: false, message: `"${part}": ports run from 1 to 65535, low to high` };
    for (let port = low; port <= high; port++) ports.add(port);
    if (ports.size > 1024) return { ok: false, message: 'at most 1,024 ports per scan' };
  }
  if (ports.size === 0) return { ok: false, message: 'give at least one port' };
  return { ok: true, ports: [...ports].sort((a, b) => a - b) };
}

function integer(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** Checks the form: targets with the shared parser, numbers against the contract's bounds. */
export function validateScanForm(values: ScanFormValues): ScanFormErrors {
  const errors: ScanFormErrors = {};
  const targets = summariseTargets(splitTargets(values.targetsText));
  if (targets.entries.length === 0) errors.targets = 'give at least one network, range or address';
  else if (targets.problems.length > 0) errors.targets = targets.problems[0];
  const ports = parsePorts(values.portsText);
  if (!ports.ok) errors.ports = ports.message;
  const timeout = ScanOptions.shape.timeoutMs.safeParse(integer(values.timeoutMs));
  if (!timeout.success) errors.timeoutMs = 'a whole number of milliseconds from 50 to 30,000';
  const concurrency = ScanOptions.shape.concurrency.safeParse(integer(values.concurrency));
  if (!concurrency.success) errors.concurrency = 'a whole number from 1 to 4,096';
  if (values.snmpCommunity.length > 200) errors.snmpCommunity = 'at most 200 characters';
  return errors;
}

/** The scan:start request for a valid form. */
export function toScanRequest(siteId: number, values: ScanFormValues, confirmLarge: boolean): ScanStartRequest {
  const ports = parsePorts(values.portsText);
  return {
    siteId,
    targets: splitTargets(values.targetsText),
    options: {
      ports: ports.ok ? ports.ports : [...DEFAULT_SCAN_PORTS],
      timeoutMs: integer(values.timeoutMs),
      concurrency: integer(values.concurrency),
      ...(values.snmpCommunity ? { snmpCommunity: values.snmpCommunity } : {}),
      reverseDns: values.reverseDns,
      grabBanners: values.grabBanners,
    },
    confirmLarge,
  };
}
