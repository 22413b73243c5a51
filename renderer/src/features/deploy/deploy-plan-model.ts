/**
 * The Deploy form as data: what the admin typed, checked before it is sent, and turned into the
 * `rollouts:plan` request. Rings are pre-filled from the site's ring membership (Checklist →
 * Settings → Rings), so the test, pilot and broad hosts are the ones the site already named.
 */
import type { AssetRing, RolloutPlanRequest } from '../../../../shared/contract';
import { RINGS, type Ring } from '../../../../shared/domain/cycles/rings';
import { parseFailureBudget } from '../../../../shared/domain/rollouts/failure-budget';
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

/** A pre or post command as edited. */
export interface HookDraft {
  command: string;
  timeoutSeconds: string;
}

/** The whole form. */
export interface PlanDraft {
  name: string;
  selection: SelectionKind;
  packages: string;
  /** Windows updates by KB (or update id), typed like packages; Windows hosts take these, Linux hosts the packages. */
  kbs: string;
  rings: RingDraft[];
  failureBudget: string;
  rebootPolicy: RebootPolicy;
  autoRollback: boolean;
  pre: HookDraft[];
  post: HookDraft[];
  cycleId: number | null;
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

/** A fresh form for a site, from Patch status's selection or an emergency cycle. */
export function initialDraft(options: { membership: readonly AssetRing[]; assetIds: readonly number[]; cycle: { id: number; title: string; emergency: boolean } | null; today: string }): PlanDraft {
  return {
    name: options.cycle ? `${options.cycle.title}: deploy` : `Updates ${options.today}`,
    selection: options.cycle?.emergency ? 'security' : 'all',
    packages: '',
    kbs: '',
    rings: ringsFromMembership(options.membership, options.assetIds),
    failureBudget: '1',
    rebootPolicy: 'if-required',
    autoRollback: true,
    pre: [],
    post: [],
    cycleId: options.cycle?.id ?? null,
  };
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

/** The request, or the problems naming each field; nothing half-valid is sent. */
export function buildPlanRequest(siteId: number, draft: PlanDraft): { ok: true; request: RolloutPlanRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
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
  const rings = draft.rings.filter((ring) => ring.assetIds.length > 0);
  if (rings.length === 0) errors.rings = 'No host to deploy to: select hosts on Patch status, or put hosts in rings (Settings → Rings)';
  const hooks = (kind: 'pre' | 'post') =>
    draft[kind].map((hook, index) => {
      if (!hook.command.trim()) errors[`${kind}.${index}.command`] = 'Type the command, or remove the step';
      return { command: hook.command.trim(), timeoutSeconds: checkInt(errors, `${kind}.${index}.timeoutSeconds`, hook.timeoutSeconds, 1, 7200, 'The timeout') };
    });
  const request: RolloutPlanRequest = {
    siteId,
    name: draft.name.trim(),
    selection: { kind: draft.selection, packages, kbs },
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
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}
