import { PatchPolicySchema } from '../../../../shared/contract';
import { FEED_AGE_KINDS, feedAgeLimits, type FeedAgeKind } from '../../../../shared/domain/intel/feed-age';
import { SEVERITIES, type PatchPolicy, type Severity } from '../../../../shared/domain/patch-policy';
import { TIERS, type Tier } from '../../../../shared/domain/risk-tier';
import type { FixAgeBasis } from '../../../../shared/domain/sla/clock-start';
import { KEV_RULE_SCOPES, type KevRuleScope, type KevSlaRule } from '../../../../shared/domain/sla/kev-rule';

/** One KEV rule row of the form: off, or days as typed and/or CISA's due date. */
export interface KevRuleFormValues {
  enabled: boolean;
  days: string;
  cisaDueDate: boolean;
}

/** The policy form: every number as typed. */
export interface PolicyFormValues {
  slaDays: Record<`${Tier}`, Record<Severity, string>>;
  maxExceptionDays: string;
  staleAfterMissedScans: string;
  fixAgeBasis: FixAgeBasis;
  freshnessDays: string;
  /** One row per scope, internet-facing first (the order the engine tries them). */
  kevRules: Record<KevRuleScope, KevRuleFormValues>;
  feedAgeLimitDays: Record<FeedAgeKind, string>;
}

/** Field keys: `sla.1.critical`, `maxExceptionDays`, `staleAfterMissedScans`, `freshnessDays`, `kev.internet_facing`, `kev.all`, `feedAge.kev`. */
export type PolicyFormErrors = Record<string, string>;

/** The form filled from a policy. */
export function policyToForm(policy: PatchPolicy): PolicyFormValues {
  const slaDays = Object.fromEntries(
    TIERS.map((tier) => [String(tier), Object.fromEntries(SEVERITIES.map((severity) => [severity, String(policy.slaDays[`${tier}`][severity])]))]),
  ) as PolicyFormValues['slaDays'];
  const kevRules = Object.fromEntries(
    KEV_RULE_SCOPES.map((scope) => {
      const rule = policy.kevRules.find((each) => each.appliesTo === scope);
      return [scope, rule ? { enabled: true, days: rule.days === null ? '' : String(rule.days), cisaDueDate: rule.cisaDueDate } : { enabled: false, days: '', cisaDueDate: true }];
    }),
  ) as PolicyFormValues['kevRules'];
  const limits = feedAgeLimits(policy.feedAgeLimitDays);
  const feedAgeLimitDays = Object.fromEntries(FEED_AGE_KINDS.map((kind) => [kind, String(limits[kind])])) as PolicyFormValues['feedAgeLimitDays'];
  return { slaDays, maxExceptionDays: String(policy.maxExceptionDays), staleAfterMissedScans: String(policy.staleAfterMissedScans), fixAgeBasis: policy.fixAgeBasis, freshnessDays: String(policy.freshnessDays), kevRules, feedAgeLimitDays };
}

const toNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/** The form as a policy (numbers may be invalid; validate first). */
export function formToPolicy(values: PolicyFormValues): PatchPolicy {
  const slaDays = Object.fromEntries(
    TIERS.map((tier) => [String(tier), Object.fromEntries(SEVERITIES.map((severity) => [severity, toNumber(values.slaDays[`${tier}`][severity])]))]),
  ) as PatchPolicy['slaDays'];
  // Rows in scope order (internet-facing first); an empty day count means no day limit of its own.
  const kevRules: KevSlaRule[] = KEV_RULE_SCOPES.filter((scope) => values.kevRules[scope].enabled).map((scope) => {
    const row = values.kevRules[scope];
    return { appliesTo: scope, days: row.days.trim() === '' ? null : toNumber(row.days), cisaDueDate: row.cisaDueDate };
  });
  const feedAgeLimitDays = Object.fromEntries(FEED_AGE_KINDS.map((kind) => [kind, toNumber(values.feedAgeLimitDays[kind])])) as Record<FeedAgeKind, number>;
  return { slaDays, maxExceptionDays: toNumber(values.maxExceptionDays), staleAfterMissedScans: toNumber(values.staleAfterMissedScans), fixAgeBasis: values.fixAgeBasis, freshnessDays: toNumber(values.freshnessDays), kevRules, feedAgeLimitDays };
}

/** Checks the policy with the contract's schema; these block saving. */
export function validatePolicyForm(values: PolicyFormValues): PolicyFormErrors {
  const policy = formToPolicy(values);
  const errors: PolicyFormErrors = {};
  const parsed = PatchPolicySchema.safeParse(policy);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, tier, severity] = issue.path.map(String);
      const key = head === 'slaDays' ? `sla.${tier}.${severity}` : head === 'kevRules' ? `kev.${policy.kevRules[Number(tier)]?.appliesTo ?? 'all'}` : head === 'feedAgeLimitDays' ? `feedAge.${tier}` : (head ?? 'form');
      errors[key] ??= issue.message.includes('expected number') || issue.message.includes('NaN') ? 'a whole number of days' : issue.message;
    }
  }
  return errors;
}

/**
 * Cells where a less important tier must be patched sooner than the tier above: allowed, but
 * almost always a typo, so the editor points them out without blocking the save.
 */
export function policyWarnings(values: PolicyFormValues): PolicyFormErrors {
  const policy = formToPolicy(values);
  const warnings: PolicyFormErrors = {};
  for (const severity of SEVERITIES) {
    for (const tier of TIERS.slice(1)) {
      const days = policy.slaDays[`${tier}`][severity];
      const above = policy.slaDays[`${(tier - 1) as Tier}`][severity];
      if (Number.isFinite(days) && Number.isFinite(above) && days < above) warnings[`sla.${tier}.${severity}`] = `shorter than tier ${tier - 1} (${above} d)`;
    }
  }
  return warnings;
}
