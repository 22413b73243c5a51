/**
 * Where the benchmark's fake hosts listen: a sparse, deterministic layout over a target block
 * (every 61st address, 1 to 3 of the 8 profile ports each), so both scanners face the same hosts.
 */
import { DEFAULT_SCAN_PORTS } from '../../shared/contract/discovery';
import { formatIpv4, parseTarget, type TargetRange } from '../../shared/domain/network-targets';

/** The default port profile, which both scanners probe. */
export const PROFILE_PORTS: readonly number[] = [...DEFAULT_SCAN_PORTS];

/** One fake host. */
export interface PlannedHost {
  address: string;
  ports: number[];
}

/** Parses a CIDR block or throws. */
export function block(cidr: string): TargetRange {
  const parsed = parseTarget(cidr);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.range;
}

/** Every `spacing`-th address of the range, starting at `offset`, with 1-3 ports rotating through the profile. */
export function planListeners(range: TargetRange, spacing = 61, offset = 5): PlannedHost[] {
  const hosts: PlannedHost[] = [];
  for (let value = range.first + offset, index = 0; value <= range.last; value += spacing, index++) {
    const count = 1 + (index % 3);
    const ports = Array.from({ length: count }, (_, k) => PROFILE_PORTS[(index * 3 + k * 5) % PROFILE_PORTS.length] ?? 22);
    hosts.push({ address: formatIpv4(value), ports: [...new Set(ports)].sort((a, b) => a - b) });
  }
  return hosts;
}

/** The `address:port` pairs a correct scan must report: every planned listener outside the dropped block. */
export function expectedOpen(plan: readonly PlannedHost[], dropped: TargetRange): string[] {
  const reachable = plan.filter((host) => {
    const value = block(host.address).first;
    return value < dropped.first || value > dropped.last;
  });
  return reachable.flatMap((host) => host.ports.map((port) => `${host.address}:${port}`)).sort();
}
