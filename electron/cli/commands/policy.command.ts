/** `patchdesk policy show|kev`: the site's patch policy, and its KEV rules edited from the terminal. */
import { parseArgs } from 'node:util';
import { SEVERITIES, type PatchPolicy } from '../../../shared/domain/patch-policy';
import { TIERS } from '../../../shared/domain/risk-tier';
import { describeKevRules, KEV_RULE_SCOPES, type KevRuleScope, type KevSlaRule } from '../../../shared/domain/sla/kev-rule';
import { resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { formatTable } from '../table';

export const POLICY_USAGE = `patchdesk policy show --site NAME [--json]
patchdesk policy kev --site NAME [--internet-facing RULE] [--all RULE] [--json]   RULE: 7 | 7,cisa | cisa | off (days from KEV listing, CISA's due date if sooner, or no rule)`;

/** Runs a `policy` subcommand. */
export async function runPolicyCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'show') return showPolicy(context, rest);
  if (action === 'kev') return setKevRules(context, rest);
  throw usageError(`unknown policy command "${action ?? ''}". Usage:\n${POLICY_USAGE}`);
}

async function showPolicy(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const policy = await context.call('policy:get', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(policy, null, 2));
  for (const line of policyText(policy, site.name)) context.out(line);
}

/**
 * Reads one `--internet-facing`/`--all` value: `off`, a day count, `cisa`, or both (`7,cisa`).
 * Anything else is refused naming the option, before the policy is touched.
 */
export function parseKevRuleOption(option: string, text: string, scope: KevRuleScope): KevSlaRule | null {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === 'none') return null;
  const parts = value.split(',').map((part) => part.trim());
  let days: number | null = null;
  let cisaDueDate = false;
  for (const part of parts) {
    if (part === 'cisa') cisaDueDate = true;
    else if (/^\d+$/.test(part) && days === null) days = Number(part);
    else throw usageError(`--${option} "${text}": expected a number of days, "cisa", both ("7,cisa") or "off"`);
  }
  return { appliesTo: scope, days, cisaDueDate };
}

async function setKevRules(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, 'internet-facing': { type: 'string' }, all: { type: 'string' }, json: { type: 'boolean' } } });
  if (values['internet-facing'] === undefined && values.all === undefined) throw usageError(`policy kev needs --internet-facing RULE, --all RULE or both. Usage:\n${POLICY_USAGE}`);
  const site = await resolveSite(context, values.site);
  const policy = await context.call('policy:get', { siteId: site.id });
  const given: Record<KevRuleScope, string | undefined> = { internet_facing: values['internet-facing'], all: values.all };
  const kevRules = KEV_RULE_SCOPES.flatMap((scope) => {
    const text = given[scope];
    if (text === undefined) return policy.kevRules.filter((rule) => rule.appliesTo === scope);
    const rule = parseKevRuleOption(scope === 'all' ? 'all' : 'internet-facing', text, scope);
    return rule ? [rule] : [];
  });
  // The contract checks the rules (and names the field at fault); the service audits the change.
  const saved = await context.call('policy:update', { siteId: site.id, policy: { ...policy, kevRules } });
  if (values.json) return context.out(JSON.stringify(saved, null, 2));
  context.out(`Saved the KEV rules of "${site.name}":`);
  for (const line of describeKevRules(saved.kevRules)) context.out(`  ${line}`);
}

/** The policy as terminal lines, in the words the policy editor and the evidence pack use. */
export function policyText(policy: PatchPolicy, siteName: string): string[] {
  return [
    `Patch policy of "${siteName}"`,
    formatTable(
      ['SLA DAYS', ...SEVERITIES.map((severity) => severity.toUpperCase())],
      TIERS.map((tier) => [`tier ${tier}`, ...SEVERITIES.map((severity) => String(policy.slaDays[`${tier}`][severity]))]),
    ),
    '',
    'KEV rules (known exploited fixes; the first that applies, never later than the table):',
    ...describeKevRules(policy.kevRules).map((line) => `  ${line}`),
    '',
    `SLA clocks start: ${policy.fixAgeBasis === 'publication' ? 'when the vendor published the fix (first seen without a date)' : 'when Patchdesk first saw the fix missing'}`,
    `Measured for: ${policy.freshnessDays} days; longest exception: ${policy.maxExceptionDays} days; stale after ${policy.staleAfterMissedScans} missed scans`,
  ];
}
