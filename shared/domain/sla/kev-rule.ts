/**
 * The site policy's rules for fixes of known-exploited vulnerabilities (CISA KEV). A KEV rule can
 * only SHORTEN a fix's deadline: the engine (sla-engine.ts) takes the earlier of the tier/severity
 * deadline and the KEV deadline, so a fix without a KEV entry keeps exactly the figures it had.
 *
 * A rule's day count runs from the later of the fix's SLA clock start and the day CISA added the
 * CVE to the catalogue: a fix published long before anyone exploited it becomes urgent when the
 * exploitation is known, not retroactively years before.
 */

/** Which assets a KEV rule applies to: internet-facing ones (exposure high) or every asset. */
export const KEV_RULE_SCOPES = ['internet_facing', 'all'] as const;
/** One of `KEV_RULE_SCOPES`. */
export type KevRuleScope = (typeof KEV_RULE_SCOPES)[number];

/** One KEV rule of a site policy. */
export interface KevSlaRule {
  appliesTo: KevRuleScope;
  /** Days from the later of clock start and KEV's date added; null: no day limit of its own. */
  days: number | null;
  /** Also due by CISA's due date when that comes first. */
  cisaDueDate: boolean;
}

/**
 * The default rules, in the order they are tried (the first matching one applies): an
 * internet-facing asset within 7 days or CISA's due date, whichever comes first (BOD 22-01's
 * two weeks is too slow where exploitation happens first); every other asset by CISA's due date.
 */
export const DEFAULT_KEV_RULES: readonly KevSlaRule[] = [
  { appliesTo: 'internet_facing', days: 7, cisaDueDate: true },
  { appliesTo: 'all', days: null, cisaDueDate: true },
];

/** What KEV says about a fix: the earliest date added and due date among the CVEs it fixes (`YYYY-MM-DD`). */
export interface KevFixFacts {
  dateAdded: string;
  dueDate: string;
}

/** Which rule gave a fix its deadline. */
export const DEADLINE_RULES = ['policy', 'kev_days', 'kev_cisa_due'] as const;
/** One of `DEADLINE_RULES`: the tier/severity table, a KEV rule's day count, or CISA's due date. */
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

/** The first rule that applies to an asset, or null. */
export function kevRuleFor(rules: readonly KevSlaRule[], internetFacing: boolean): KevSlaRule | null {
  return rules.find((rule) => rule.appliesTo === 'all' || internetFacing) ?? null;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date; NaN when it is not one. */
export function calendarDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(match[3]) || back.getUTCMonth() !== Number(match[2]) - 1) return Number.NaN;
  return Math.round(ms / 86_400_000);
}

/**
 * The last allowed local day (a day number) a KEV rule gives a fix whose clock started on local
 * day `clockStartDay`, with the rule that set it; null when no rule applies or the facts are
 * unreadable (then the tier/severity deadline stands: a bad feed date never invents urgency).
 */
export function kevDueDay(rule: KevSlaRule | null, kev: KevFixFacts, clockStartDay: number): { dueDay: number; rule: Exclude<DeadlineRule, 'policy'> } | null {
  if (!rule) return null;
  let best: { dueDay: number; rule: Exclude<DeadlineRule, 'policy'> } | null = null;
  if (rule.days !== null) {
    const added = calendarDayNumber(kev.dateAdded);
    if (!Number.isNaN(added)) best = { dueDay: Math.max(clockStartDay, added) + rule.days, rule: 'kev_days' };
  }
  if (rule.cisaDueDate) {
    const due = calendarDayNumber(kev.dueDate);
    if (!Number.isNaN(due) && (best === null || due < best.dueDay)) best = { dueDay: due, rule: 'kev_cisa_due' };
  }
  return best;
}

/**
 * Where the SLA engine finds what KEV says about a fix it prepares without being told (the
 * fix's own `kev` field wins): by asset and update name, from the CVE mapping of the site.
 */
export interface KevLookup {
  factsFor(fix: { assetId: number; name: string }): KevFixFacts | null;
  /** Whether the asset is internet-facing (exposure high), for rules scoped to such assets. */
  internetFacing(assetId: number): boolean;
  /** Changes whenever any answer changes, so caches of figures can tell. */
  readonly key: string;
}

/** No fix is known exploited: the tier/severity deadlines stand unchanged. */
export const NO_KEV: KevLookup = { factsFor: () => null, internetFacing: () => false, key: '' };
