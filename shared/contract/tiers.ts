import { z } from 'zod';
import { DEFAULT_FEED_AGE_LIMIT_DAYS, FEED_AGE_KINDS, type FeedAgeKind } from '../domain/intel/feed-age';
import { DEFAULT_FRESHNESS_DAYS, SEVERITIES } from '../domain/patch-policy';
import { FIX_AGE_BASES } from '../domain/sla/clock-start';
import { DEFAULT_KEV_RULES, KEV_RULE_SCOPES, kevRuleProblems, MAX_KEV_RULE_DAYS } from '../domain/sla/kev-rule';
import { Id, NonEmptyText } from './common';
import { ClassificationSchema, TierSchema } from './assets';

/** Classify many assets at once with the same answers. */
export const ClassifyRequest = z.object({
  assetIds: z.array(Id).min(1, 'select at least one asset'),
  classification: ClassificationSchema,
});

/** Set or clear a manual tier. Setting one needs a reason; the reason is kept. */
export const OverrideRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('set'), assetIds: z.array(Id).min(1), tier: TierSchema, reason: NonEmptyText(1000) }),
  z.object({ action: z.literal('clear'), assetIds: z.array(Id).min(1), reason: NonEmptyText(1000) }),
]);

const Days = z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days');
const SeverityDays = z.object(Object.fromEntries(SEVERITIES.map((severity) => [severity, Days])) as Record<(typeof SEVERITIES)[number], typeof Days>);

/** One KEV rule (see shared/domain/sla/kev-rule.ts). */
export const KevRuleSchema = z.object({
  appliesTo: z.enum(KEV_RULE_SCOPES, { message: "a KEV rule applies to 'internet_facing' or 'all' assets" }),
  days: z.number().int('a whole number of days').min(0, 'at least 0 days').max(MAX_KEV_RULE_DAYS, `at most ${MAX_KEV_RULE_DAYS} days`).nullable(),
  cisaDueDate: z.boolean(),
});

/** The KEV rules of a policy, tried in order; the domain's checks name the rule and field at fault. */
export const KevRulesSchema = z
  .array(KevRuleSchema)
  .max(2, 'at most two KEV rules: one for internet-facing assets, one for every asset')
  .superRefine((rules, context) => {
    for (const problem of kevRuleProblems(rules)) context.addIssue({ code: 'custom', path: problem.path.slice(1), message: problem.message });
  });

const FeedDays = z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days');

/** Days after which a feed of each kind is flagged as old (see shared/domain/intel/feed-age.ts). */
export const FeedAgeLimitsSchema = z.object(Object.fromEntries(FEED_AGE_KINDS.map((kind) => [kind, FeedDays])) as Record<FeedAgeKind, typeof FeedDays>);

/** A site's patch policy (see shared/domain/patch-policy.ts). */
export const PatchPolicySchema = z.object({
  slaDays: z.object({ '1': SeverityDays, '2': SeverityDays, '3': SeverityDays, '4': SeverityDays }),
  maxExceptionDays: z.number().int().min(1).max(730),
  staleAfterMissedScans: z.number().int().min(1).max(50),
  /** Where SLA clocks start; absent in requests from older clients, which keep the default. */
  fixAgeBasis: z.enum(FIX_AGE_BASES, { message: "the SLA clock basis must be 'publication' or 'first_seen'" }).default('publication'),
  /** Days a successful collection keeps an asset measured; older policies read the default. */
  freshnessDays: z.number().int().min(1, 'at least 1 day').max(90, 'at most 90 days').default(DEFAULT_FRESHNESS_DAYS),
  /** Rules for known-exploited fixes; older clients, which do not send them, keep the defaults. */
  kevRules: KevRulesSchema.default(() => DEFAULT_KEV_RULES.map((rule) => ({ ...rule }))),
  /** Feed age limits per kind; older clients that do not send them keep the defaults. */
  feedAgeLimitDays: FeedAgeLimitsSchema.default(DEFAULT_FEED_AGE_LIMIT_DAYS),
});

export const PolicyUpdate = z.object({ siteId: Id, policy: PatchPolicySchema });
