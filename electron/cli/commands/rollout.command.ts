/** `patchdesk rollout plan|show|approve|start|halt|resume|cancel|rollback|list`: rollouts from the command line. */
import { parseArgs } from 'node:util';
import type { Asset } from '../../../shared/contract/assets';
import type { RolloutDetail, RolloutPlanRequest } from '../../../shared/contract/rollouts';
import { parseEmergencyTrigger } from '../../../shared/domain/cycles/emergency-trigger';
import { RINGS } from '../../../shared/domain/cycles/rings';
import { TIERS } from '../../../shared/domain/risk-tier';
import { SEVERITIES, type Severity } from '../../../shared/domain/patch-policy';
import { describeSelection } from '../../../shared/domain/rollouts/selection';
import { parseFailureBudget } from '../../../shared/domain/rollouts/failure-budget';
import { checkSpec, parseCheckSpec } from '../../../shared/domain/rollouts/health-check';
import { REBOOT_POLICIES, type RebootPolicy } from '../../../shared/domain/rollouts/rollout-plan';
import { plural } from '../../../shared/domain/text/plural';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { waitForJob } from '../job-wait';
import { describeOwner } from '../../owner/folder-lock';
import { usageError } from '../cli-error';
import type { SecretReader } from '../secret-input';
import { formatTable } from '../table';
import { ensureVaultUnlocked } from '../vault-unlock';

export const ROLLOUT_USAGE = `patchdesk rollout plan --site NAME [--name TEXT] [--all | --security | --package NAME... --kb KB...]
    [--severity critical|high|medium|low] [--advisory ID]... [--fixes ID | --fixes-trigger --cycle ID]
    [--ring NAME=HOST,HOST... | --tier N... --tag TAG...] [--concurrency N] [--max-failures N|P%] [--reboot never|if-required|always]
    [--pre CMD]... [--post CMD]... [--pre-check CHECK]... [--check CHECK]...
    [--manual HOST=FIRMWARE]... [--no-auto-rollback] [--cycle ID] [--json]     (prints the plan id and the preview)
    --severity keeps updates of that severity or above; --advisory keeps updates of the named
    advisories, KBs or CVEs; --fixes keeps exactly the updates that fix a CVE, KB or advisory on the
    hosts triage finds with a fix pending (--fixes-trigger: the --cycle's emergency trigger); without
    --ring, only those hosts are planned, in their site rings. Without --ring, the site's active SSH
    and WinRM hosts are planned in their site rings (test, pilot, broad); --tier N and --tag TAG
    (each repeatable) keep the hosts of any of those risk tiers or with any of those tags.
    CHECK, run on each host itself over its SSH session, each with a timeout (@SECONDS, default 30):
      unit:NAME            the systemd unit is active (systemctl is-active)
      port:NUMBER          a TCP port is open on the host (ss, else bash /dev/tcp to 127.0.0.1)
      http:URL[=STATUS]    the URL answers STATUS (default 200), fetched on the host with curl or wget
      command:COMMAND      the command exits 0 (what --pre and --post run, with a 300 s timeout)
    A check whose tool is missing on the host fails closed. --check adds post checks: after each
    host's install and again, per host, at each ring's gate ("health checks passed").
    Example: --check unit:nginx --check port:443 --check http:http://localhost/health=200@10
    --manual: a network device is never installed by Patchdesk: its ring waits for a manual step
    to FIRMWARE, ticked with "rollout manual-done".
patchdesk rollout show ID [--json]
patchdesk rollout manual-done ID --host HOST --note TEXT [--file REF] [--sha256 HEX]   (a network device's manual step, with evidence; audited)
patchdesk rollout approve ID [--ring NAME]        (--ring: the gate after that ring)
patchdesk rollout start ID [--wait]
patchdesk rollout halt|resume|cancel ID
patchdesk rollout rollback ID [--host HOST]... [--wait]
patchdesk rollout list --site NAME [--json]`;

/**
 * Says which process runs a rollout just started (or resumed, or rolled back) and whether it
 * outlives this command; returns whether this command must stay with it. A rollout keeps running
 * after the command only in a long-lived owner (the desktop app or the browser host); in a CLI
 * process (this one, or another command that owns the folder now) it would stop between hosts when
 * that command ends, so the command waits (--wait is implied).
 */
export function announceOwner(context: CliContext, id: number, wait: boolean): { follow: boolean; haltOnInterrupt: boolean } {
  const { owner } = context;
  if (owner.here) {
    context.err(`Rollout ${id} runs in this CLI process (pid ${owner.pid}): no desktop app or browser host owns this data folder, so it stops when this command ends, and this command waits for it (--wait is implied). Ctrl-C halts it (no new host starts; running package transactions finish); resume it later with "patchdesk rollout resume ${id}".`);
    return { follow: true, haltOnInterrupt: true };
  }
  const who = describeOwner(owner);
  if (owner.kind === 'cli') {
    context.err(`Rollout ${id} runs in ${who}, which owns this data folder now: it stops when that command ends, so this command waits for it (--wait is implied). Ctrl-C halts it.`);
    return { follow: true, haltOnInterrupt: true };
  }
  context.err(`Rollout ${id} runs in ${who} and keeps running after this command exits${wait ? '; waiting for it here (Ctrl-C stops waiting, not the rollout)' : `: follow it with "patchdesk rollout show ${id}"`}.`);
  return { follow: wait, haltOnInterrupt: false };
}

/** Runs a `rollout` subcommand. */
export async function runRolloutCommand(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const [action, ...rest] = args;
  switch (action) {
    case 'plan':
      return planRollout(context, rest, secrets);
    case 'show':
      return showRollout(context, rest);
    case 'approve':
      return approveRollout(context, rest);
    case 'start':
    case 'resume':
      return startRollout(context, action, rest, secrets);
    case 'halt':
    case 'cancel':
      return stopRollout(context, action, rest);
    case 'rollback':
      return rollBack(context, rest, secrets);
    case 'list':
      return listRollouts(context, rest);
    case 'manual-done':
      return manualDone(context, rest, secrets);
    default:
      throw usageError(`Usage:\n${ROLLOUT_USAGE}`);
  }
}

function rolloutId(positionals: string[]): number {
  const [text, ...extra] = positionals;
  if (text === undefined) throw usageError('name the rollout: its ID, as "rollout list" shows');
  if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]}"`);
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw usageError(`"${text}" is not a rollout ID`);
  return id;
}

async function planRollout(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      name: { type: 'string' },
      all: { type: 'boolean' },
      security: { type: 'boolean' },
      package: { type: 'string', multiple: true },
      // Windows updates by KB article id or WUA update id; with --package, Linux hosts take the packages and Windows hosts the KBs.
      kb: { type: 'string', multiple: true },
      severity: { type: 'string' },
      advisory: { type: 'string', multiple: true },
      fixes: { type: 'string' },
      'fixes-trigger': { type: 'boolean' },
      ring: { type: 'string', multiple: true },
      tier: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'max-failures': { type: 'string' },
      reboot: { type: 'string' },
      pre: { type: 'string', multiple: true },
      post: { type: 'string', multiple: true },
      'pre-check': { type: 'string', multiple: true },
      check: { type: 'string', multiple: true },
      'no-auto-rollback': { type: 'boolean' },
      manual: { type: 'string', multiple: true },
      cycle: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const site = await resolveSite(context, values.site);
  const kinds = [values.all ? 'all' : null, values.security ? 'security' : null, values.package || values.kb ? 'packages' : null].filter((kind) => kind !== null);
  if (kinds.length > 1) throw usageError('give one of --all, --security or --package NAME... / --kb KB...');
  const kind = (kinds[0] ?? 'all') as 'all' | 'security' | 'packages';
  if (values.reboot !== undefined && !(REBOOT_POLICIES as readonly string[]).includes(values.reboot)) throw usageError(`--reboot is one of ${REBOOT_POLICIES.join(', ')}`);
  if (values['max-failures'] !== undefined) {
    try {
      parseFailureBudget(values['max-failures']);
    } catch (error) {
      throw usageError(`--max-failures: ${(error as Error).message}`);
    }
  }

  // Hosts at a time in each ring (the service's default, one, when not given).
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 100)) throw usageError(`--concurrency: "${values.concurrency}" is not a whole number from 1 to 100`);
  const checks = (option: 'check' | 'pre-check') =>
    (values[option] ?? []).map((spec) => {
      try {
        return parseCheckSpec(spec);
      } catch (error) {
        throw usageError(`--${option} ${spec}: ${(error as Error).message}`);
      }
    });
  const preChecks = checks('pre-check');
  const postChecks = checks('check');
  const cycleId = values.cycle === undefined ? null : Number(values.cycle);
  if (cycleId !== null && !(Number.isInteger(cycleId) && cycleId > 0)) throw usageError(`--cycle: "${values.cycle}" is not a cycle ID`);
  if (values.severity !== undefined && !(SEVERITIES as readonly string[]).includes(values.severity)) throw usageError(`--severity is one of ${SEVERITIES.join(', ')}`);
  for (const id of values.advisory ?? []) if (!parseEmergencyTrigger(id)) throw usageError(`--advisory: "${id}" is not a CVE, KB or advisory id`);
  if (values.fixes !== undefined && values['fixes-trigger']) throw usageError('give --fixes ID or --fixes-trigger, not both');
  if (values.fixes !== undefined && !parseEmergencyTrigger(values.fixes)) throw usageError(`--fixes: "${values.fixes}" is not a CVE, KB or advisory id`);
  if (kind === 'packages' && (values.severity !== undefined || values.advisory || values.fixes !== undefined || values['fixes-trigger'])) throw usageError('named packages are installed as named: --severity, --advisory and --fixes narrow --all or --security');
  let fixes = values.fixes ?? null;
  if (values['fixes-trigger']) {
    if (cycleId === null) throw usageError('--fixes-trigger needs --cycle ID (an emergency cycle)');
    const cycle = await context.call('cycles:get', { cycleId });
    if (!cycle.trigger) throw usageError(`--fixes-trigger: cycle ${cycleId} is not an emergency cycle with a trigger`);
    fixes = cycle.trigger.ref;
  }
  // The hosts triage finds with a fix pending: the only ones a "fixes" plan takes when no ring is named.
  const affected = fixes === null ? null : new Set((await context.call('triage:run', { siteId: site.id, id: fixes })).assets.filter((asset) => asset.state === 'fix_pending').map((asset) => asset.assetId));
  if (affected !== null && affected.size === 0) throw usageError(`no host of "${site.name}" has a pending update that fixes ${fixes ?? ''} (see patchdesk triage ${fixes ?? ''})`);
  const tiers = (values.tier ?? []).map((text) => {
    const tier = Number(text);
    if (!(TIERS as readonly number[]).includes(tier)) throw usageError(`--tier: "${text}" is not a risk tier (${TIERS.join(', ')})`);
    return tier;
  });
  const tags = new Set((values.tag ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean));
  const filtered = tiers.length > 0 || tags.size > 0;
  // With --tier/--tag: the site's hosts of any of those tiers or with any of those tags.
  const chosen = (asset: Asset | undefined) => !filtered || (asset !== undefined && ((asset.tier !== null && tiers.includes(asset.tier)) || asset.tags.some((tag) => tags.has(tag.toLowerCase()))));
  const rings: RolloutPlanRequest['rings'] = [];
  if (values.ring && values.ring.length > 0) {
    if (filtered) throw usageError('--tier and --tag choose hosts for the site\'s rings; with --ring, name the hosts of each ring');
    for (const spec of values.ring) {
      const match = /^([^=]+)=(.+)$/.exec(spec);
      if (!match?.[1] || !match[2]) throw usageError(`--ring ${spec}: expected NAME=HOST,HOST...`);
      const assetIds: number[] = [];
      for (const host of match[2].split(',').map((item) => item.trim()).filter(Boolean)) assetIds.push((await resolveAsset(context, site, host, `--ring ${match[1]}`, ['active'])).id);
      const name = match[1].trim();
      rings.push({ name, assetIds, windowRing: (RINGS as readonly string[]).includes(name) ? (name as (typeof RINGS)[number]) : null, ...(concurrency !== undefined ? { concurrency } : {}) });
    }
  } else {
    // The site's own rings (test, pilot, broad): hosts reached over SSH (Linux) or WinRM (Windows).
    const assignments = await context.call('cycles:rings', { siteId: site.id });
    const assets = new Map((await context.call('assets:list', { siteId: site.id, statuses: ['active'] })).map((asset) => [asset.id, asset]));
    for (const ring of RINGS) {
      const assetIds = assignments.filter((item) => item.ring === ring && ['ssh', 'winrm'].includes(assets.get(item.assetId)?.access.method ?? '') && (affected === null || affected.has(item.assetId)) && chosen(assets.get(item.assetId))).map((item) => item.assetId);
      if (assetIds.length > 0) rings.push({ name: ring, assetIds, windowRing: ring, ...(concurrency !== undefined ? { concurrency } : {}) });
    }
    if (rings.length === 0) throw usageError(`"${site.name}" has no active SSH or WinRM hosts${filtered ? ` of ${[...tiers.map((tier) => `tier ${tier}`), ...[...tags].map((tag) => `tag "${tag}"`)].join(' or ')}` : ''} to roll out to: give --ring NAME=HOST,HOST...`);
  }

  const manualTargets: { assetId: number; target: string }[] = [];
  for (const spec of values.manual ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(spec);
    if (!match?.[1] || !match[2]?.trim()) throw usageError(`--manual ${spec}: expected HOST=FIRMWARE`);
    manualTargets.push({ assetId: (await resolveAsset(context, site, match[1].trim(), '--manual', ['active'])).id, target: match[2].trim() });
  }

  await ensureVaultUnlocked(context, secrets);
  const planned = await context.call('rollouts:plan', {
    siteId: site.id,
    name: values.name ?? `Rollout ${new Date().toISOString().slice(0, 10)}`,
    selection: { kind, packages: values.package ?? [], kbs: values.kb ?? [], minSeverity: (values.severity ?? null) as Severity | null, advisories: values.advisory ?? [], fixes },
    rings,
    ...(values['max-failures'] !== undefined ? { failureBudget: values['max-failures'] } : {}),
    ...(values.reboot !== undefined ? { rebootPolicy: values.reboot as RebootPolicy } : {}),
    pre: [...(values.pre ?? []).map((command) => ({ kind: 'command' as const, command })), ...preChecks],
    post: [...(values.post ?? []).map((command) => ({ kind: 'command' as const, command })), ...postChecks],
    autoRollback: !values['no-auto-rollback'],
    cycleId,
    manualTargets,
  });
  const previewed = await context.call('rollouts:preview', { rolloutId: planned.id });
  if (values.json) return context.out(JSON.stringify(previewed, null, 2));
  context.out(`Rollout ${previewed.id} planned.`);
  printDetail(context, previewed);
  if (previewed.state !== 'previewed') process.exitCode = 1;
  else context.out(`Approve it with: patchdesk rollout approve ${previewed.id}`);
}

async function showRollout(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const detail = await context.call('rollouts:get', { rolloutId: rolloutId(positionals) });
  if (values.json) return context.out(JSON.stringify(detail, null, 2));
  printDetail(context, detail);
}

async function approveRollout(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ring: { type: 'string' } } });
  const id = rolloutId(positionals);
  let ringId: number | undefined;
  if (values.ring !== undefined) {
    const detail = await context.call('rollouts:get', { rolloutId: id });
    const ring = detail.rings.find((candidate) => candidate.name.toLowerCase() === values.ring?.toLowerCase());
    if (!ring) throw usageError(`--ring: rollout ${id} has no ring "${values.ring}" (rings: ${detail.rings.map((candidate) => candidate.name).join(', ')})`);
    ringId = ring.id;
  }
  const approved = await context.call('rollouts:approve', { rolloutId: id, ...(ringId !== undefined ? { ringId } : {}) });
  if (ringId !== undefined) context.out(`Gate after ring ${values.ring} of rollout ${id} approved by ${approved.rings.find((ring) => ring.id === ringId)?.gateApprovedBy ?? ''}; resume it with: patchdesk rollout resume ${id}`);
  else context.out(`Rollout ${id} approved by ${approved.approvedBy ?? ''} at ${approved.approvedAt ?? ''}; start it with: patchdesk rollout start ${id}`);
}

async function startRollout(context: CliContext, action: 'start' | 'resume', args: string[], secrets: SecretReader): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { wait: { type: 'boolean' } } });
  const id = rolloutId(positionals);
  await ensureVaultUnlocked(context, secrets);
  const started = await context.call(action === 'start' ? 'rollouts:start' : 'rollouts:resume', { rolloutId: id });
  const run = announceOwner(context, id, values.wait ?? false);
  if (run.follow) await followJob(context, id, started.jobId, run.haltOnInterrupt);
}

async function rollBack(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { host: { type: 'string', multiple: true }, wait: { type: 'boolean' } } });
  const id = rolloutId(positionals);
  const detail = await context.call('rollouts:get', { rolloutId: id });
  const assetIds: number[] = [];
  for (const name of values.host ?? []) {
    const host = detail.hosts.find((candidate) => candidate.hostname.toLowerCase() === name.toLowerCase());
    if (!host) throw usageError(`--host: "${name}" is not a host of rollout ${id}`);
    assetIds.push(host.assetId);
  }
  await ensureVaultUnlocked(context, secrets);
  const started = await context.call('rollouts:rollback', { rolloutId: id, assetIds });
  const run = announceOwner(context, id, values.wait ?? false);
  if (run.follow) await followJob(context, id, started.jobId, run.haltOnInterrupt);
}

/** Stays with the job until it ends, halting it on Ctrl-C when asked to; exit 1 unless every host succeeded. */
async function followJob(context: CliContext, id: number, jobId: string, haltOnInterrupt: boolean): Promise<void> {
  const halt = haltOnInterrupt ? () => void context.call('rollouts:halt', { rolloutId: id }).catch(() => undefined) : () => process.exit(130);
  process.once('SIGINT', halt);
  try {
    await waitForJob(context, jobId);
  } finally {
    process.removeListener('SIGINT', halt);
  }
  const detail = await context.call('rollouts:get', { rolloutId: id });
  printDetail(context, detail);
  if (detail.state !== 'completed' || detail.counts.failure > 0) process.exitCode = 1;
}

async function manualDone(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { host: { type: 'string' }, note: { type: 'string' }, file: { type: 'string' }, sha256: { type: 'string' } } });
  const id = rolloutId(positionals);
  if (!values.host) throw usageError('--host: name the network device whose manual step was done');
  if (!values.note?.trim()) throw usageError('--note: say what was done (the firmware installed, the change ticket)');
  const detail = await context.call('rollouts:get', { rolloutId: id });
  const host = detail.hosts.find((candidate) => candidate.hostname.toLowerCase() === values.host?.toLowerCase());
  if (!host) throw usageError(`--host: "${values.host}" is not a host of rollout ${id}`);
  // A rollout that waited only for this step resumes at once: its next hosts need the vault.
  await ensureVaultUnlocked(context, secrets);
  const after = await context.call('rollouts:manualDone', { rolloutId: id, assetId: host.assetId, note: values.note, fileRef: values.file ?? null, sha256: values.sha256 ?? null });
  const done = after.hosts.find((candidate) => candidate.id === host.id);
  context.out(`Manual step of ${host.hostname} (${done?.manual?.target ?? ''}) recorded by ${done?.manual?.by ?? ''} at ${done?.manual?.at ?? ''}; rollout ${id} is ${after.state}.`);
  if (after.state === 'running' && after.jobId !== null) {
    const run = announceOwner(context, id, false);
    if (run.follow) await followJob(context, id, after.jobId, run.haltOnInterrupt);
    return;
  }
  if (after.state === 'waiting' || after.state === 'halted') context.out(`Resume it with: patchdesk rollout resume ${id}`);
}

async function stopRollout(context: CliContext, action: 'halt' | 'cancel', args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const id = rolloutId(positionals);
  const detail = await context.call(action === 'halt' ? 'rollouts:halt' : 'rollouts:cancel', { rolloutId: id });
  context.out(`Rollout ${id} ${detail.state}: no new host starts; hosts already installing finish their package transaction.`);
}

async function listRollouts(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const rollouts = await context.call('rollouts:list', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(rollouts, null, 2));
  if (rollouts.length === 0) return context.out(`No rollouts in "${site.name}".`);
  context.out(
    formatTable(
      ['ID', 'NAME', 'STATE', 'HOSTS', 'OK', 'FAILED', 'NOT ATTEMPTED', 'BUDGET', 'APPROVED BY', 'CREATED'],
      rollouts.map((rollout) => [String(rollout.id), rollout.name, rollout.state, String(rollout.counts.hosts), String(rollout.counts.success), String(rollout.counts.failure), String(rollout.counts.notAttempted), rollout.budget.described, rollout.approvedBy ?? '', rollout.createdAt]),
    ),
  );
}

function printDetail(context: CliContext, detail: RolloutDetail): void {
  context.out(`Rollout ${detail.id} "${detail.name}": ${detail.state}${detail.stateReason ? ` (${detail.stateReason})` : ''}`);
  context.out(
    `  ${describeSelection(detail.selection)}; reboot ${detail.rebootPolicy}; failure budget ${detail.budget.described}, ${plural(detail.budget.failures, 'failure')} so far; automatic rollback ${detail.autoRollback ? 'on' : 'off'}`,
  );
  for (const [title, steps] of [['pre steps', detail.pre], ['post checks (and ring gates)', detail.post]] as const) if (steps.length > 0) context.out(`  ${title}: ${steps.map((step) => `${checkSpec(step)} (${step.timeoutSeconds} s)`).join(', ')}`);
  if (detail.state === 'waiting' && detail.resumeAt !== null) context.out(`  waiting for the maintenance window: it resumes by itself when the window opens, while a Patchdesk core process (the desktop app or the browser host) runs on this data folder; without one, run: patchdesk rollout resume ${detail.id}`);
  if (detail.approvedBy) context.out(`  approved by ${detail.approvedBy} at ${detail.approvedAt ?? ''}`);
  const ringName = new Map(detail.rings.map((ring) => [ring.id, ring.name]));
  context.out(
    formatTable(
      ['RING', 'HOST', 'STATE', 'PACKAGES (FROM → TO)', 'ROLLBACK', 'REBOOT', 'SLOT', 'NOTE'],
      detail.hosts.map((host) => [
        ringName.get(host.ringId) ?? '',
        host.hostname,
        host.state.replace(/_/g, ' ') + (host.step ? ` (${host.step})` : '') + (host.manual ? (host.manual.at ? ` (manual, by ${host.manual.by ?? ''})` : ' (manual step)') : ''),
        host.packages.map((item) => `${item.name} ${item.fromVersion ?? 'new'} → ${item.toVersion}${item.requested ? '' : ' (added by the package manager)'}`).join(', ') || '-',
        host.manual ? 'by hand' : host.packages.length === 0 ? '-' : host.packages.every((item) => item.rollbackAvailable !== false) ? 'possible' : `NOT possible: ${host.packages.filter((item) => item.rollbackAvailable === false).map((item) => (item.rollbackSource.startsWith('not possible: ') ? `${item.name} (${item.rollbackSource.slice(14)})` : `${item.name} ${item.fromVersion ?? ''} gone`)).join(', ')}`,
        host.rebooted ? 'rebooted' : host.rebootExpected === null ? 'if asked for' : host.rebootExpected ? 'expected' : 'no',
        host.slot || '-',
        (host.previewProblem || host.message).slice(0, 160),
      ]),
    ),
  );
  for (const ring of detail.rings) if (ring.gateWaits.length > 0) context.out(`  gate after ${ring.name}: ${ring.gateWaits.join('; ')}`);
  // Windows updates: a KB number alone does not tell an approver what it is; the title, the pinned update and the rollback do.
  for (const host of detail.hosts) {
    for (const item of host.packages.filter((candidate) => candidate.title !== '')) context.out(`  ${host.hostname}: ${item.name} "${item.title}" update ${item.toVersion}; rollback ${item.rollbackSource || 'not checked'}`);
  }
}
