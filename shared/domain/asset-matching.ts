/**
 * Deciding whether an observation (a scanned host, an imported row) is an asset already in the
 * inventory. Matching uses the MAC first, then the hostname, then an address, and refuses a
 * match that a stronger identifier contradicts, so that a re-used IP or hostname never merges
 * two machines into one.
 */

/** What an observation tells about a machine's identity. */
export interface ObservedIdentity {
  mac: string;
  hostname: string;
  addresses: readonly string[];
}

/** An inventory asset as the matcher sees it. */
export interface MatchCandidate {
  id: number;
  mac: string;
  /** See {@link hostnameKey}. */
  hostnameKey: string;
  addresses: readonly string[];
}

/** Which identifier decided the match. */
export type MatchRule = 'mac' | 'hostname' | 'address';

export type MatchResult = { assetId: number; rule: MatchRule } | null;

/**
 * The comparable form of a hostname: lower case, without a trailing dot, and only its first
 * label, so that `web1` and `WEB1.corp.example.` are the same machine within a site.
 */
export function hostnameKey(hostname: string): string {
  const trimmed = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '' || /^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) return '';
  return trimmed.split('.')[0] ?? '';
}

/** Picks the inventory asset an observation belongs to, or null when it is a new machine. */
export function matchAsset(observed: ObservedIdentity, candidates: readonly MatchCandidate[]): MatchResult {
  const mac = observed.mac.trim().toLowerCase();
  const key = hostnameKey(observed.hostname);

  if (mac !== '') {
    const byMac = candidates.find((candidate) => candidate.mac === mac);
    if (byMac) return { assetId: byMac.id, rule: 'mac' };
  }

  const macConflicts = (candidate: MatchCandidate) => mac !== '' && candidate.mac !== '' && candidate.mac !== mac;

  if (key !== '') {
    const byHostname = candidates.find((candidate) => candidate.hostnameKey === key && !macConflicts(candidate));
    if (byHostname) return { assetId: byHostname.id, rule: 'hostname' };
  }

  const byAddress = candidates.find(
    (candidate) =>
      candidate.addresses.some((address) => observed.addresses.includes(address)) &&
      !macConflicts(candidate) &&
      !(key !== '' && candidate.hostnameKey !== '' && candidate.hostnameKey !== key),
  );
  return byAddress ? { assetId: byAddress.id, rule: 'address' } : null;
}
