/**
 * Rollouts: plan, preview, approve, run in rings, halt, resume, cancel and roll back. The plan is
 * stored as given; the preview pins each host's exact versions; every state and step a host goes
 * through is returned, so a screen or the CLI can show where each host is and why.
 */
import { z } from 'zod';
import { parseEmergencyTrigger } from '../domain/cycles/emergency-trigger';
import { RINGS } from '../domain/cycles/rings';
import { SEVERITIES } from '../domain/patch-policy';
import { parseFailureBudget } from '../domain/rollouts/failure-budget';
import { HOST_STATES } from '../domain/rollouts/host-outcome';
import { DEFAULT_CHECK_TIMEOUT_SECONDS, UNIT_NAME, urlProblem } from '../domain/rollouts/health-check';
import { REBOOT_POLICIES, ROLLOUT_STATES, SELECTION_KINDS } from '../domain/rollouts/rollout-plan';
import { Id, IsoTimestamp, NonEmptyText } from './common';

const CheckTimeout = z.number().int().min(1).max(7200);

/**
 * A pre or post step, or a gate's health check (shared/domain/rollouts/health-check.ts): a
 * systemd unit active, a TCP port open, a URL answering a status (each checked on the host
 * itself), or a shell command passing only when it exits 0; each within its timeout. A step
 * without a `kind` is a command (plans stored before typed checks).
 */
export const HookCommand = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !('kind' in value) ? { ...value, kind: 'command' } : value),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('command'), command: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'), timeoutSeconds: CheckTimeout.default(300) }),
    z.object({ kind: z.literal('unit'), unit: z.string().trim().regex(UNIT_NAME, 'is not a systemd unit name'), timeoutSeconds: CheckTimeout.default(DEFAULT_CHECK_TIMEOUT_SECONDS) }),
    z.object({ kind: z.literal('port'), port: z.number().int().min(1).max(65535), timeoutSeconds: CheckTimeout.default(DEFAULT_CHECK_TIMEOUT_SECONDS) }),
    z.object({
      kind: z.literal('http'),
      url: z.string().trim().max(2000).superRefine((url, context) => {
        const problem = urlProblem(url);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
      expectStatus: z.number().int().min(100).max(599).default(200),
      timeoutSeconds: CheckTimeout.default(DEFAULT_CHECK_TIMEOUT_SECONDS),
    }),
  ]),
);
export type HookCommand = z.output<typeof HookCommand>;

const PackageName = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9+._-]{0,200}$/, 'is not a valid package name');

/** A Windows update as a plan names it: a KB article id (`KB5034441`, spelled as `KB` and 4 to 8 digits) or a WUA update id (a GUID). */
export const WindowsUpdateName = z
  .string()
  .trim()
  .transform((text) => (/^kb[0-9]{4,8}$/i.test(text) ? text.toUpperCase() : text.toLowerCase()))
  .refine((text) => /^KB[0-9]{4,8}$/.test(text) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text), 'is not a KB article id (KB and 4 to 8 digits) or a Windows Update id (a GUID)');

const AdvisoryRef = z
  .string()
  .trim()
  .refine((text) => parseEmergencyTrigger(text) !== null, 'is not a CVE (CVE-2024-3094), a KB (KB5034441) or an advisory id (DSA-5800-1)');

/**
 * What the plan installs: all pending updates, security ones, or named packages; the first two
 * narrowed (shared/domain/rollouts/selection.ts) by severity, by named advisories, KBs or CVEs,
 * or to exactly the updates that fix a CVE, KB or advisory (an emergency cycle's trigger).
 */
export const RolloutSelection = z
  .object({
    kind: z.enum(SELECTION_KINDS),
    packages: z.array(PackageName).max(500).default([]),
    /** With `packages`: Windows hosts take these named KBs (or update ids), Linux hosts the packages. */
    kbs: z.array(WindowsUpdateName).max(500).default([]),
    minSeverity: z.enum(SEVERITIES).nullable().default(null),
    advisories: z.array(AdvisoryRef).max(200).default([]),
    fixes: AdvisoryRef.nullable().default(null),
  })
  .superRefine((selection, context) => {
    if (selection.kind === 'packages' && selection.packages.length === 0 && selection.kbs.length === 0) context.addIssue({ code: 'custom', path: ['packages'], message: 'name at least one package or KB' });
    if (selection.kind !== 'packages' && selection.packages.length > 0) context.addIssue({ code: 'custom', path: ['packages'], message: `packages are named only with the "packages" selection, not "${selection.kind}"` });
    if (selection.kind !== 'packages' && selection.kbs.length > 0) context.addIssue({ code: 'custom', path: ['kbs'], message: `KBs are named only with the "packages" selection, not "${selection.kind}"` });
    if (selection.kind === 'packages' && (selection.minSeverity !== null || selection.advisories.length > 0 || selection.fixes !== null)) context.addIssue({ code: 'custom', path: ['kind'], message: 'named packages are installed as named: a severity, advisories or a trigger narrow "all" or "security" only' });
  });
export type RolloutSelection = z.output<typeof RolloutSelection>;

/** One ring of a plan. */
export const RingPlan = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}$/, 'a ring name is letters, digits, spaces, dots, dashes (up to 60)'),
  assetIds: z.array(Id).min(1, 'a ring needs at least one host').max(10_000),
  concurrency: z.number().int().min(1).max(100).default(1),
  gate: z
    .object({
      /** Every host of the ring must succeed (by default failures inside the budget do not hold the gate). */
      allVerified: z.boolean().default(false),
      /** Every host that installed must have passed its post checks. */
      healthPassed: z.boolean().default(true),
      soakMinutes: z.number().int().min(0).max(10_080).default(0),
      manualApproval: z.boolean().default(false),
    })
    .default({ allVerified: false, healthPassed: true, soakMinutes: 0, manualApproval: false }),
  /** Whose maintenance windows apply: that ring's (falling back to the site-wide ones); null: none. */
  windowRing: z.enum(RINGS).nullable().default(null),
});
export type RingPlan = z.output<typeof RingPlan>;

const Budget = z
  .string()
  .trim()
  .refine((text) => {
    try {
      parseFailureBudget(text);
      return true;
    } catch {
      return false;
    }
  }, 'a failure budget is a number of hosts (3) or a percentage (10%)');

/** rollouts:plan */
export const RolloutPlanRequest = z
  .object({
    siteId: Id,
    name: NonEmptyText(200),
    selection: RolloutSelection,
    rings: z.array(RingPlan).min(1, 'a plan needs at least one ring').max(20),
    failureBudget: Budget.default('0'),
    rebootPolicy: z.enum(REBOOT_POLICIES).default('if-required'),
    pre: z.array(HookCommand).max(20).default([]),
    post: z.array(HookCommand).max(20).default([]),
    autoRollback: z.boolean().default(true),
    cycleId: Id.nullable().default(null),
    /**
     * The firmware or version each network device of the plan gets: Patchdesk does not install on
     * network gear; the plan carries a manual step an admin ticks with evidence.
     */
    manualTargets: z.array(z.object({ assetId: Id, target: z.string().trim().min(1, 'name the firmware or version').max(200) })).max(10_000).default([]),
  })
  .superRefine((plan, context) => {
    const seen = new Map<number, string>();
    const names = new Set<string>();
    plan.rings.forEach((ring, index) => {
      if (names.has(ring.name.toLowerCase())) context.addIssue({ code: 'custom', path: ['rings', index, 'name'], message: `ring "${ring.name}" is named twice` });
      names.add(ring.name.toLowerCase());
      for (const assetId of ring.assetIds) {
        const other = seen.get(assetId);
        if (other !== undefined) context.addIssue({ code: 'custom', path: ['rings', index, 'assetIds'], message: `asset ${assetId} is in ring "${other}" and ring "${ring.name}": a host belongs to one ring` });
        seen.set(assetId, ring.name);
      }
    });
  });
export type RolloutPlanRequest = z.input<typeof RolloutPlanRequest>;

/** One package of one host: from where to where, and whether it can be undone. */
export const RolloutPackage = z.object({
  name: z.string(),
  /** What the package manager calls it beyond its name (Windows Update's title of a KB); empty when it gives none. */
  title: z.string(),
  fromVersion: z.string().nullable(),
  toVersion: z.string(),
  /** Chosen by the plan; false for what the package manager adds to make it work. */
  requested: z.boolean(),
  /** The old version can be installed again now (null: not checked yet). */
  rollbackAvailable: z.boolean().nullable(),
  rollbackSource: z.string(),
  observedVersion: z.string().nullable(),
  observedAt: IsoTimestamp.nullable(),
});
export type RolloutPackage = z.infer<typeof RolloutPackage>;

/** One step of one host, as it happened. */
export const RolloutHostEvent = z.object({ at: IsoTimestamp, step: z.string(), outcome: z.enum(['started', 'ok', 'failed', 'skipped', 'note']), message: z.string(), outputTail: z.string() });
export type RolloutHostEvent = z.infer<typeof RolloutHostEvent>;

/** One host of a rollout. */
export const RolloutHost = z.object({
  id: Id,
  ringId: Id,
  assetId: Id,
  hostname: z.string(),
  state: z.enum(HOST_STATES),
  step: z.string(),
  message: z.string(),
  /** Why the preview refused this host (empty: it did not). */
  previewProblem: z.string(),
  rebootExpected: z.boolean().nullable(),
  rebooted: z.boolean(),
  bootIdBefore: z.string().nullable(),
  bootIdAfter: z.string().nullable(),
  /** The window slot in words, as the preview found it. */
  slot: z.string(),
  postChecksPassed: z.boolean().nullable(),
  verifiedAt: IsoTimestamp.nullable(),
  attempts: z.number().int(),
  startedAt: IsoTimestamp.nullable(),
  finishedAt: IsoTimestamp.nullable(),
  packages: z.array(RolloutPackage),
  events: z.array(RolloutHostEvent),
  /** A network device's manual step: the target, and once an admin ticked it, the evidence; null for a host Patchdesk installs. */
  manual: z
    .object({ target: z.string(), note: z.string().nullable(), fileRef: z.string().nullable(), sha256: z.string().nullable(), by: z.string().nullable(), at: IsoTimestamp.nullable() })
    .nullable(),
});
export type RolloutHost = z.infer<typeof RolloutHost>;

/** One ring of a rollout. */
export const RolloutRing = z.object({
  id: Id,
  position: z.number().int(),
  name: z.string(),
  concurrency: z.number().int(),
  gate: z.object({ allVerified: z.boolean(), healthPassed: z.boolean(), soakMinutes: z.number().int(), manualApproval: z.boolean() }),
  windowRing: z.enum(RINGS).nullable(),
  gateApprovedBy: z.string().nullable(),
  gateApprovedAt: IsoTimestamp.nullable(),
  startedAt: IsoTimestamp.nullable(),
  endedAt: IsoTimestamp.nullable(),
  /** What the gate after this ring still waits for, in words (empty: open, or not reached). */
  gateWaits: z.array(z.string()),
});
export type RolloutRing = z.infer<typeof RolloutRing>;

/** A rollout as listed. */
export const RolloutSummary = z.object({
  id: Id,
  siteId: Id,
  name: z.string(),
  state: z.enum(ROLLOUT_STATES),
  stateReason: z.string(),
  selection: z.object({ kind: z.enum(SELECTION_KINDS), packages: z.array(z.string()), kbs: z.array(z.string()), minSeverity: z.enum(SEVERITIES).nullable(), advisories: z.array(z.string()), fixes: z.string().nullable() }),
  rebootPolicy: z.enum(REBOOT_POLICIES),
  failureBudget: z.string(),
  /** The budget as people say it, with the failures spent so far. */
  budget: z.object({ described: z.string(), allowed: z.number().int(), failures: z.number().int(), exhausted: z.boolean() }),
  counts: z.object({ hosts: z.number().int(), open: z.number().int(), success: z.number().int(), failure: z.number().int(), notAttempted: z.number().int() }),
  autoRollback: z.boolean(),
  cycleId: Id.nullable(),
  createdBy: z.string(),
  createdAt: IsoTimestamp,
  previewedAt: IsoTimestamp.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: IsoTimestamp.nullable(),
  startedAt: IsoTimestamp.nullable(),
  finishedAt: IsoTimestamp.nullable(),
  jobId: z.string().nullable(),
  /** A rollout waiting for its ring's next maintenance window resumes by itself then (a core process must be running); null otherwise. */
  resumeAt: IsoTimestamp.nullable(),
});
export type RolloutSummary = z.infer<typeof RolloutSummary>;

/** A rollout with everything in it. */
export const RolloutDetail = RolloutSummary.extend({
  pre: z.array(HookCommand),
  post: z.array(HookCommand),
  rings: z.array(RolloutRing),
  hosts: z.array(RolloutHost),
});
export type RolloutDetail = z.infer<typeof RolloutDetail>;

/** A request naming one rollout. */
export const RolloutRef = z.object({ rolloutId: Id });
/** rollouts:approve: the plan itself, or the gate after a ring (`ringId`). */
export const RolloutApproveRequest = z.object({ rolloutId: Id, ringId: Id.optional() });
/** rollouts:rollback: the whole rollout, or only the named hosts (assets). */
export const RolloutRollbackRequest = z.object({ rolloutId: Id, assetIds: z.array(Id).max(10_000).default([]) });
/** rollouts:manualDone: an admin did a network device's manual step; the note says what was done, a file reference and its SHA-256 may back it. */
export const RolloutManualDoneRequest = z.object({
  rolloutId: Id,
  assetId: Id,
  note: z.string().trim().min(1, 'say what was done (the firmware installed, the change ticket)').max(2000),
  fileRef: z.string().trim().max(500).nullable().default(null),
  sha256: z
    .string()
    .trim()
    .transform((text) => text.toLowerCase())
    .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 hexadecimal characters'))
    .nullable()
    .default(null),
});
export type RolloutManualDoneRequest = z.input<typeof RolloutManualDoneRequest>;

/** What starting work returns: the job running it, and whether it outlives the caller. */
export const RolloutStarted = z.object({ rolloutId: Id, jobId: z.string(), state: z.enum(ROLLOUT_STATES) });
