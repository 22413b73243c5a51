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

/** How each scope reads in messages and reports. */
export const KEV_SCOPE_LABELS: Record<KevRuleScope, string> = { internet_facing: 'internet-facing assets', all: 'every other asset' };

/** The longest day count a KEV rule may give (a KEV rule exists to shorten deadlines). */
export const MAX_KEV_RULE_DAYS = 365;

/** Where a KEV rule list is wrong: the field path (`kevRules.0.days`) and the message. */
export interface KevRuleProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Why a list of KEV rules cannot be saved, field by field: a rule that sets no deadline (neither
 * days nor CISA's due date), a day count outside 0..365, a scope given twice, or an
 * internet-facing rule after the every-asset rule (the first matching rule applies, so it could
 * never be reached). An empty list is allowed: KEV then changes no deadline.
 */
export function kevRuleProblems(rules: readonly KevSlaRule[]): KevRuleProblem[] {
  const problems: KevRuleProblem[] = [];
  const seen = new Set<KevRuleScope>();
  rules.forEach((rule, index) => {
    const label = KEV_SCOPE_LABELS[rule.appliesTo];
    if (rule.days !== null && (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > MAX_KEV_RULE_DAYS)) {
      problems.push({ path: ['kevRules', index, 'days'], message: `the KEV rule for ${label}: days must be a whole number from 0 to ${MAX_KEV_RULE_DAYS}` });
    }
    if (rule.days === null && !rule.cisaDueDate) problems.push({ path: ['kevRules', index, 'cisaDueDate'], message: `the KEV rule for ${label} sets no deadline: give a number of days, CISA's due date, or both` });
    if (seen.has(rule.appliesTo)) problems.push({ path: ['kevRules', index, 'appliesTo'], message: `the KEV rule for ${label} is given twice` });
    if (rule.appliesTo === 'internet_facing' && seen.has('all')) problems.push({ path: ['kevRules', index, 'appliesTo'], message: `the KEV rule for ${label} comes after the rule for every asset, which already applies to them: put it first` });
    seen.add(rule.appliesTo);
  });
  return problems;
}

/** One rule in words, as the policy editor, the CLI and the evidence pack print it. */
export function describeKevRule(rule: KevSlaRule): string {
  const days = rule.days === null ? null : `within ${rule.days} ${rule.days === 1 ? 'day' : 'days'} of the later of its SLA clock start and its KEV listing`;
  if (days !== null && rule.cisaDueDate) return `${days}, or by CISA's due date if that comes first`;
  if (days !== null) return days;
  return rule.cisaDueDate ? "by CISA's due date" : 'no KEV deadline';
}

/** The rules in words, one line per scope in the order they are tried; a scope without a rule falls to the next. */
export function describeKevRules(rules: readonly KevSlaRule[]): string[] {
  if (rules.length === 0) return ['No KEV rule: known-exploited fixes keep their tier/severity deadline.'];
  const lines = rules.map((rule) => `${rule.appliesTo === 'internet_facing' ? 'Internet-facing assets' : rules.length === 1 ? 'Every asset' : 'Every other asset'}: ${describeKevRule(rule)}.`);
  if (!rules.some((rule) => rule.appliesTo === 'all')) lines.push('Other assets: no KEV rule (tier/severity deadline).');
  return lines;
}

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
