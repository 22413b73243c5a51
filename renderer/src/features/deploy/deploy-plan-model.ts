/**
 * The Deploy form as data: what the admin typed, checked before it is sent, and turned into the
 * `rollouts:plan` request. Rings are pre-filled from the site's ring membership (Checklist →
 * Settings → Rings), so the test, pilot and broad hosts are the ones the site already named.
 */
import type { AssetRing, RolloutPlanRequest } from '../../../../shared/contract';
import { parseEmergencyTrigger } from '../../../../shared/domain/cycles/emergency-trigger';
import { RINGS, type Ring } from '../../../../shared/domain/cycles/rings';
import type { Severity } from '../../../../shared/domain/patch-policy';
import { parseFailureBudget } from '../../../../shared/domain/rollouts/failure-budget';
import { DEFAULT_CHECK_TIMEOUT_SECONDS, parseCheckSpec, type HealthCheckKind } from '../../../../shared/domain/rollouts/health-check';
import type { RebootPolicy, SelectionKind } from '../../../../shared/domain/rollouts/rollout-plan';

/** One ring as edited. */
export interface RingDraft {
  name: string;
  /** The site ring whose maintenance windows apply; null for a ring the admin added. */
  windowRing: Ring | null;
  assetIds: number[];
  concurrency: string;
  manualApproval: boolean;
  soakMinutes: string;
  allVerified: boolean;
}

/** A pre or post step as edited: its kind, and what it checks (the command, unit, port or URL) in `command`. */
export interface HookDraft {
  kind: HealthCheckKind;
  command: string;
  /** The status an http check expects. */
  expectStatus: string;
  timeoutSeconds: string;
}

/** A new, empty step of `kind` with that kind's usual timeout. */
export function emptyHook(kind: HealthCheckKind = 'command'): HookDraft {
  return { kind, command: '', expectStatus: '200', timeoutSeconds: kind === 'command' ? '300' : String(DEFAULT_CHECK_TIMEOUT_SECONDS) };
}

/** The whole form. */
export interface PlanDraft {
  name: string;
  selection: SelectionKind;
  packages: string;
  /** Windows updates by KB (or update id), typed like packages; Windows hosts take these, Linux hosts the packages. */
  kbs: string;
  /** Only updates of this severity or above ('' for any). */
  minSeverity: Severity | '';
  /** Advisory, KB or CVE ids typed with spaces or commas between them ('' for any). */
  advisories: string;
  /** Only the updates that fix this CVE, KB or advisory (from triage or an emergency's trigger); null for none. */
  fixes: string | null;
  rings: RingDraft[];
  failureBudget: string;
  rebootPolicy: RebootPolicy;
  autoRollback: boolean;
  pre: HookDraft[];
  post: HookDraft[];
  cycleId: number | null;
  /** The firmware or version each network device of the plan gets by hand (its manual step), by asset id. */
  manualTargets: Record<number, string>;
}

const RING_TITLES: Record<Ring, string> = { test: 'test', pilot: 'pilot', broad: 'broad' };

/**
 * Rings from the site's membership: hosts in `chosen` (all of them when it is empty) grouped by
 * their ring, in test → pilot → broad order; empty rings are left out. The first rings ask for a
 * manual approval before the next one starts, so nobody reaches broad by accident.
 */
export function ringsFromMembership(membership: readonly AssetRing[], chosen: readonly number[]): RingDraft[] {
  const wanted = chosen.length > 0 ? new Set(chosen) : null;
  const drafts: RingDraft[] = [];
  for (const ring of RINGS) {
    const assetIds = membership.filter((asset) => asset.ring === ring && (wanted === null || wanted.has(asset.assetId))).map((asset) => asset.assetId);
    if (assetIds.length === 0) continue;
    drafts.push({ name: RING_TITLES[ring], windowRing: ring, assetIds, concurrency: ring === 'broad' ? '5' : '2', manualApproval: ring !== 'broad', soakMinutes: '0', allVerified: false });
  }
  // The last ring has no ring after it: a gate there would hold nothing.
  const last = drafts.at(-1);
  if (last) last.manualApproval = false;
  return drafts;
}

/**
 * A fresh form for a site, from Patch status's selection, an emergency cycle or a triage. With
 * `fixes` (a triage's id, or an emergency cycle's trigger) the plan takes exactly the updates that
 * fix it, and `assetIds` should be the hosts triage shows with a fix pending.
 */
export function initialDraft(options: { membership: readonly AssetRing[]; assetIds: readonly number[]; cycle: { id: number; title: string; emergency: boolean } | null; today: string; fixes?: string | null }): PlanDraft {
  const fixes = options.fixes ?? null;
  return {
    name: options.cycle ? `${options.cycle.title}: deploy` : fixes ? `Fix ${fixes}` : `Updates ${options.today}`,
    selection: options.cycle?.emergency && !fixes ? 'security' : 'all',
    packages: '',
    kbs: '',
    minSeverity: '',
    advisories: '',
    fixes,
    rings: ringsFromMembership(options.membership, options.assetIds),
    failureBudget: '1',
    rebootPolicy: 'if-required',
    autoRollback: true,
    pre: [],
    post: [],
    cycleId: options.cycle?.id ?? null,
    manualTargets: {},
  };
}

/** What the value field of a step holds, by kind. */
export const HOOK_VALUE_WORD: Record<HealthCheckKind, string> = { command: 'command', unit: 'systemd unit', port: 'TCP port', http: 'URL' };

/** The assets a triage shows with a fix pending: the hosts a "fixes" plan takes. */
export function fixingAssetIds(assets: readonly { assetId: number; state: string }[]): number[] {
  return assets.filter((asset) => asset.state === 'fix_pending').map((asset) => asset.assetId);
}

/** A field's problem, keyed by where it is (`name`, `rings.0.concurrency`, `post.1.command`). */
export type DraftErrors = Record<string, string>;

const INT = /^\d+$/;

function checkInt(errors: DraftErrors, key: string, text: string, min: number, max: number, what: string): number {
  const value = Number(text.trim());
  if (!INT.test(text.trim()) || value < min || value > max) errors[key] = `${what} is a whole number from ${min} to ${max}`;
  return value;
}

/** A KB article id or a Windows Update id (GUID), as the contract accepts them. */
const WINDOWS_UPDATE_NAME = /^(?:KB[0-9]{4,8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Package names typed with spaces, commas or new lines between them. */
export function splitPackages(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/**
 * The request, or the problems naming each field; nothing half-valid is sent. `networkDevices`:
 * the site's network devices, which Patchdesk never installs on: each in the plan needs the
 * firmware its manual step installs.
 */
export function buildPlanRequest(siteId: number, draft: PlanDraft, networkDevices: ReadonlySet<number> = new Set()): { ok: true; request: RolloutPlanRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const manualTargets = draft.rings.flatMap((ring) => ring.assetIds.filter((assetId) => networkDevices.has(assetId))).map((assetId) => {
    const target = (draft.manualTargets[assetId] ?? '').trim();
    if (!target) errors[`manual.${assetId}`] = 'Name the firmware or version installed by hand';
    return { assetId, target };
  });
  if (!draft.name.trim()) errors.name = 'Give the rollout a name';
  const packages = draft.selection === 'packages' ? splitPackages(draft.packages) : [];
  const kbs = draft.selection === 'packages' ? splitPackages(draft.kbs) : [];
  if (draft.selection === 'packages' && packages.length === 0 && kbs.length === 0) errors.packages = 'Name at least one package or KB';
  const badKb = kbs.find((kb) => !WINDOWS_UPDATE_NAME.test(kb));
  if (badKb !== undefined) errors.kbs = `${badKb} is not a KB (KB5034441) or a Windows Update id (a GUID)`;
  try {
    parseFailureBudget(draft.failureBudget.trim());
  } catch {
    errors.failureBudget = 'A number of hosts (2) or a percentage (10%)';
  }
  const advisories = draft.selection === 'packages' ? [] : splitPackages(draft.advisories);
  const badAdvisory = advisories.find((id) => parseEmergencyTrigger(id) === null);
  if (badAdvisory !== undefined) errors.advisories = `"${badAdvisory}" is not a CVE, KB or advisory id`;
  const rings = draft.rings.filter((ring) => ring.assetIds.length > 0);
  if (rings.length === 0) errors.rings = 'No host to deploy to: select hosts on Patch status, or put hosts in rings (Settings → Rings)';
  const hooks = (kind: 'pre' | 'post') =>
    draft[kind].flatMap((hook, index) => {
      const timeoutSeconds = checkInt(errors, `${kind}.${index}.timeoutSeconds`, hook.timeoutSeconds, 1, 7200, 'The timeout');
      const value = hook.command.trim();
      if (!value) {
        errors[`${kind}.${index}.command`] = `Type the ${HOOK_VALUE_WORD[hook.kind]}, or remove the step`;
        return [];
      }
      if (hook.kind === 'command') return [{ kind: 'command' as const, command: value, timeoutSeconds }];
      const status = hook.kind === 'http' && hook.expectStatus.trim() !== '' ? `=${hook.expectStatus.trim()}` : '';
      try {
        // One reading of a check for the CLI and the form; the timeout has its own field here.
        return [parseCheckSpec(`${hook.kind}:${value.replace(/@\d+$/, '')}${status}`, Number.isFinite(timeoutSeconds) ? timeoutSeconds : DEFAULT_CHECK_TIMEOUT_SECONDS)];
      } catch (error) {
        errors[`${kind}.${index}.command`] = (error as Error).message.replace(/^[a-z]+: /, '');
        return [];
      }
    });
  const request: RolloutPlanRequest = {
    siteId,
    name: draft.name.trim(),
    selection: draft.selection === 'packages' ? { kind: 'packages', packages, kbs } : { kind: draft.selection, packages: [], kbs: [], minSeverity: draft.minSeverity === '' ? null : draft.minSeverity, advisories, fixes: draft.fixes },
    rings: rings.map((ring) => {
      const index = draft.rings.indexOf(ring);
      return {
        name: ring.name.trim(),
        assetIds: ring.assetIds,
        concurrency: checkInt(errors, `rings.${index}.concurrency`, ring.concurrency, 1, 100, 'Concurrency'),
        gate: { allVerified: ring.allVerified, healthPassed: true, soakMinutes: checkInt(errors, `rings.${index}.soakMinutes`, ring.soakMinutes, 0, 10_080, 'Soak time'), manualApproval: ring.manualApproval },
        windowRing: ring.windowRing,
      };
    }),
    failureBudget: draft.failureBudget.trim(),
    rebootPolicy: draft.rebootPolicy,
    pre: hooks('pre'),
    post: hooks('post'),
    autoRollback: draft.autoRollback,
    cycleId: draft.cycleId,
    manualTargets,
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}
