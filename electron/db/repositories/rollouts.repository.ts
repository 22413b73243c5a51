/**
 * SQL for rollouts (migration 0012): plans, rings, hosts with their state, pinned packages per
 * host, and each host's appended steps. Bound parameters only; callers wrap multi-statement
 * writes in writeTransaction.
 */
import { HookCommand, type RolloutHostEvent, type RolloutPackage } from '../../../shared/contract/rollouts';
import type { Ring } from '../../../shared/domain/cycles/rings';
import type { HostState } from '../../../shared/domain/rollouts/host-outcome';
import type { RebootPolicy, RolloutState, SelectionKind } from '../../../shared/domain/rollouts/rollout-plan';
import type { SelectionFilters } from '../../../shared/domain/rollouts/selection';
import type { Db } from '../database';

/** A plan's selection as stored: its kind, named packages, and the narrowing of migration 0016. */
/** `kbs`: Windows updates named by KB or WUA update id (migration 0017). */
export type StoredSelection = { kind: SelectionKind; packages: string[]; kbs: string[]; advisories: string[] } & Omit<SelectionFilters, 'advisories'>;

/** A rollout's own row. */
export interface RolloutRecord {
  id: number;
  siteId: number;
  name: string;
  state: RolloutState;
  stateReason: string;
  selection: StoredSelection;
  rebootPolicy: RebootPolicy;
  failureBudget: string;
  pre: HookCommand[];
  post: HookCommand[];
  autoRollback: boolean;
  cycleId: number | null;
  /** When a rollout waiting for its next maintenance window resumes by itself; null: it does not. */
  resumeAt: string | null;
  createdBy: string;
  createdAt: string;
  previewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  jobId: string | null;
}

/** A ring's row. */
export interface RingRecord {
  id: number;
  rolloutId: number;
  position: number;
  name: string;
  concurrency: number;
  gate: { allVerified: boolean; healthPassed: boolean; soakMinutes: number; manualApproval: boolean };
  windowRing: Ring | null;
  gateApprovedBy: string | null;
  gateApprovedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** A host's row. */
export interface HostRecord {
  id: number;
  rolloutId: number;
  ringId: number;
  assetId: number;
  hostname: string;
  state: HostState;
  step: string;
  message: string;
  previewProblem: string;
  rebootExpected: boolean | null;
  rebooted: boolean;
  bootIdBefore: string | null;
  bootIdAfter: string | null;
  slot: string;
  postChecksPassed: boolean | null;
  verifiedAt: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** A network device: not installed by Patchdesk; an admin does it by hand and ticks it with evidence. */
  manual: boolean;
  /** The firmware or version the manual step installs. */
  manualTarget: string;
  manualNote: string | null;
  manualFileRef: string | null;
  manualSha256: string | null;
  manualBy: string | null;
  manualAt: string | null;
}

/** What a new plan stores. */
export interface NewRollout {
  siteId: number;
  name: string;
  selection: StoredSelection;
  rebootPolicy: RebootPolicy;
  failureBudget: string;
  pre: HookCommand[];
  post: HookCommand[];
  autoRollback: boolean;
  cycleId: number | null;
  rings: { name: string; concurrency: number; gate: RingRecord['gate']; windowRing: Ring | null; hosts: { assetId: number; hostname: string; manualTarget: string | null }[] }[];
}

/** Host fields a step may change. */
export type HostChanges = Partial<Pick<HostRecord, 'state' | 'step' | 'message' | 'previewProblem' | 'rebootExpected' | 'rebooted' | 'bootIdBefore' | 'bootIdAfter' | 'slot' | 'postChecksPassed' | 'verifiedAt' | 'attempts' | 'startedAt' | 'finishedAt' | 'manualNote' | 'manualFileRef' | 'manualSha256' | 'manualBy' | 'manualAt'>>;

const HOST_COLUMNS: Record<keyof HostChanges, string> = {
  state: 'state',
  step: 'step',
  message: 'message',
  previewProblem: 'preview_problem',
  rebootExpected: 'reboot_expected',
  rebooted: 'rebooted',
  bootIdBefore: 'boot_id_before',
  bootIdAfter: 'boot_id_after',
  slot: 'slot',
  postChecksPassed: 'post_checks_passed',
  verifiedAt: 'verified_at',
  attempts: 'attempts',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  manualNote: 'manual_note',
  manualFileRef: 'manual_file_ref',
  manualSha256: 'manual_sha256',
  manualBy: 'manual_by',
  manualAt: 'manual_at',
};

interface RolloutRow {
  id: number;
  site_id: number;
  name: string;
  state: RolloutState;
  state_reason: string;
  selection_kind: SelectionKind;
  selection_packages_json: string;
  selection_kbs_json: string;
  selection_filters_json: string;
  resume_at: string | null;
  reboot_policy: RebootPolicy;
  failure_budget: string;
  pre_commands_json: string;
  post_commands_json: string;
  auto_rollback: number;
  cycle_id: number | null;
  created_by: string;
  created_at: string;
  previewed_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  job_id: string | null;
}

interface RingRow {
  id: number;
  rollout_id: number;
  position: number;
  name: string;
  concurrency: number;
  gate_all_verified: number;
  gate_health_passed: number;
  gate_soak_minutes: number;
  gate_manual_approval: number;
  window_ring: Ring | null;
  gate_approved_by: string | null;
  gate_approved_at: string | null;
  started_at: string | null;
  ended_at: string | null;
}

interface HostRow {
  id: number;
  rollout_id: number;
  ring_id: number;
  asset_id: number;
  hostname: string;
  state: HostState;
  step: string;
  message: string;
  preview_problem: string;
  reboot_expected: number | null;
  rebooted: number;
  boot_id_before: string | null;
  boot_id_after: string | null;
  slot: string;
  post_checks_passed: number | null;
  verified_at: string | null;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  manual: number;
  manual_target: string;
  manual_note: string | null;
  manual_file_ref: string | null;
  manual_sha256: string | null;
  manual_by: string | null;
  manual_at: string | null;
}

interface PackageRow {
  host_id: number;
  name: string;
  title: string;
  from_version: string | null;
  to_version: string;
  requested: number;
  rollback_available: number | null;
  rollback_source: string;
  observed_version: string | null;
  observed_at: string | null;
}

const bool = (value: number | null): boolean | null => (value === null ? null : value === 1);
const bit = (value: boolean | null | undefined): number | null => (value === null || value === undefined ? null : value ? 1 : 0);

const HookCommandList = HookCommand.array();

/** The narrowing stored with a selection; a plan from before migration 0016 has none. */
function filtersOf(json: string): Omit<SelectionFilters, 'advisories'> & { advisories: string[] } {
  const stored = JSON.parse(json) as Partial<SelectionFilters>;
  return { minSeverity: stored.minSeverity ?? null, advisories: [...(stored.advisories ?? [])], fixes: stored.fixes ?? null };
}

function toRollout(row: RolloutRow): RolloutRecord {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    state: row.state,
    stateReason: row.state_reason,
    selection: { kind: row.selection_kind, packages: JSON.parse(row.selection_packages_json) as string[], kbs: JSON.parse(row.selection_kbs_json) as string[], ...filtersOf(row.selection_filters_json) },
    rebootPolicy: row.reboot_policy,
    failureBudget: row.failure_budget,
    // Steps stored before typed checks have no `kind`: the schema reads them as commands.
    pre: HookCommandList.parse(JSON.parse(row.pre_commands_json)),
    post: HookCommandList.parse(JSON.parse(row.post_commands_json)),
    autoRollback: row.auto_rollback === 1,
    cycleId: row.cycle_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    previewedAt: row.previewed_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    jobId: row.job_id,
    resumeAt: row.resume_at,
  };
}

function toRing(row: RingRow): RingRecord {
  return {
    id: row.id,
    rolloutId: row.rollout_id,
    position: row.position,
    name: row.name,
    concurrency: row.concurrency,
    gate: { allVerified: row.gate_all_verified === 1, healthPassed: row.gate_health_passed === 1, soakMinutes: row.gate_soak_minutes, manualApproval: row.gate_manual_approval === 1 },
    windowRing: row.window_ring,
    gateApprovedBy: row.gate_approved_by,
    gateApprovedAt: row.gate_approved_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

function toHost(row: HostRow): HostRecord {
  return {
    id: row.id,
    rolloutId: row.rollout_id,
    ringId: row.ring_id,
    assetId: row.asset_id,
    hostname: row.hostname,
    state: row.state,
    step: row.step,
    message: row.message,
    previewProblem: row.preview_problem,
    rebootExpected: bool(row.reboot_expected),
    rebooted: row.rebooted === 1,
    bootIdBefore: row.boot_id_before,
    bootIdAfter: row.boot_id_after,
    slot: row.slot,
    postChecksPassed: bool(row.post_checks_passed),
    verifiedAt: row.verified_at,
    attempts: row.attempts,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    manual: row.manual === 1,
    manualTarget: row.manual_target,
    manualNote: row.manual_note,
    manualFileRef: row.manual_file_ref,
    manualSha256: row.manual_sha256,
    manualBy: row.manual_by,
    manualAt: row.manual_at,
  };
}

export class RolloutsRepository {
  constructor(private readonly db: Db) {}

  /** Stores a new plan with its rings and hosts; returns its id. */
  create(plan: NewRollout, actor: string, at: string): number {
    const rolloutId = Number(
      this.db
        .prepare(
          `INSERT INTO rollouts (site_id, name, state, selection_kind, selection_packages_json, selection_filters_json, reboot_policy, failure_budget, pre_commands_json, post_commands_json, auto_rollback, cycle_id, created_by, created_at)
           VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(plan.siteId, plan.name, plan.selection.kind, JSON.stringify(plan.selection.packages), JSON.stringify({ minSeverity: plan.selection.minSeverity, advisories: plan.selection.advisories, fixes: plan.selection.fixes }), plan.rebootPolicy, plan.failureBudget, JSON.stringify(plan.pre), JSON.stringify(plan.post), plan.autoRollback ? 1 : 0, plan.cycleId, actor, at).lastInsertRowid,
    );
    this.db.prepare('UPDATE rollouts SET selection_kbs_json = ? WHERE id = ?').run(JSON.stringify(plan.selection.kbs), rolloutId);
    const ring = this.db.prepare(
      'INSERT INTO rollout_rings (rollout_id, position, name, concurrency, gate_all_verified, gate_health_passed, gate_soak_minutes, gate_manual_approval, window_ring) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const host = this.db.prepare("INSERT INTO rollout_hosts (rollout_id, ring_id, asset_id, hostname, state, manual, manual_target) VALUES (?, ?, ?, ?, 'pending', ?, ?)");
    plan.rings.forEach((planned, position) => {
      const ringId = Number(ring.run(rolloutId, position, planned.name, planned.concurrency, bit(planned.gate.allVerified), bit(planned.gate.healthPassed), planned.gate.soakMinutes, bit(planned.gate.manualApproval), planned.windowRing).lastInsertRowid);
      for (const member of planned.hosts) host.run(rolloutId, ringId, member.assetId, member.hostname, member.manualTarget === null ? 0 : 1, member.manualTarget ?? '');
    });
    return rolloutId;
  }

  /** One rollout, or undefined. */
  get(id: number): RolloutRecord | undefined {
    const row = this.db.prepare<[number], RolloutRow>('SELECT * FROM rollouts WHERE id = ?').get(id);
    return row ? toRollout(row) : undefined;
  }

  /** A site's rollouts, newest first. */
  list(siteId: number, limit = 200): RolloutRecord[] {
    return this.db.prepare<[number, number], RolloutRow>('SELECT * FROM rollouts WHERE site_id = ? ORDER BY id DESC LIMIT ?').all(siteId, limit).map(toRollout);
  }

  /** Rollouts in any of `states`, oldest first. */
  inStates(states: readonly RolloutState[]): RolloutRecord[] {
    return this.db.prepare<string[], RolloutRow>(`SELECT * FROM rollouts WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY id`).all(...states).map(toRollout);
  }

  /** A rollout's rings in order. */
  rings(rolloutId: number): RingRecord[] {
    return this.db.prepare<[number], RingRow>('SELECT * FROM rollout_rings WHERE rollout_id = ? ORDER BY position').all(rolloutId).map(toRing);
  }

  /** A rollout's hosts, ring by ring, in plan order. */
  hosts(rolloutId: number): HostRecord[] {
    return this.db
      .prepare<[number], HostRow>('SELECT h.* FROM rollout_hosts h JOIN rollout_rings r ON r.id = h.ring_id WHERE h.rollout_id = ? ORDER BY r.position, h.id')
      .all(rolloutId)
      .map(toHost);
  }

  /** One host. */
  host(hostId: number): HostRecord | undefined {
    const row = this.db.prepare<[number], HostRow>('SELECT * FROM rollout_hosts WHERE id = ?').get(hostId);
    return row ? toHost(row) : undefined;
  }

  /** Every package row of a rollout's hosts, by host id. */
  packagesByHost(rolloutId: number): Map<number, RolloutPackage[]> {
    const rows = this.db
      .prepare<[number], PackageRow>('SELECT p.* FROM rollout_packages p JOIN rollout_hosts h ON h.id = p.host_id WHERE h.rollout_id = ? ORDER BY p.host_id, p.requested DESC, p.name')
      .all(rolloutId);
    const byHost = new Map<number, RolloutPackage[]>();
    for (const row of rows) {
      const list = byHost.get(row.host_id) ?? [];
      list.push({
        name: row.name,
        title: row.title,
        fromVersion: row.from_version,
        toVersion: row.to_version,
        requested: row.requested === 1,
        rollbackAvailable: bool(row.rollback_available),
        rollbackSource: row.rollback_source,
        observedVersion: row.observed_version,
        observedAt: row.observed_at,
      });
      byHost.set(row.host_id, list);
    }
    return byHost;
  }

  /** Every step of a rollout's hosts, by host id, in order. */
  eventsByHost(rolloutId: number): Map<number, RolloutHostEvent[]> {
    const rows = this.db
      .prepare<[number], { host_id: number; at: string; step: string; outcome: RolloutHostEvent['outcome']; message: string; output_tail: string }>(
        'SELECT e.host_id, e.at, e.step, e.outcome, e.message, e.output_tail FROM rollout_host_events e JOIN rollout_hosts h ON h.id = e.host_id WHERE h.rollout_id = ? ORDER BY e.id',
      )
      .all(rolloutId);
    const byHost = new Map<number, RolloutHostEvent[]>();
    for (const row of rows) {
      const list = byHost.get(row.host_id) ?? [];
      list.push({ at: row.at, step: row.step, outcome: row.outcome, message: row.message, outputTail: row.output_tail });
      byHost.set(row.host_id, list);
    }
    return byHost;
  }

  /** Moves a rollout to `state`, with why, and any timestamps that go with it; any scheduled resume is dropped (a new wait sets its own). */
  setState(id: number, state: RolloutState, reason: string, times: { startedAt?: string; finishedAt?: string | null } = {}): void {
    this.db.prepare('UPDATE rollouts SET state = ?, state_reason = ?, resume_at = NULL WHERE id = ?').run(state, reason, id);
    if (times.startedAt !== undefined) this.db.prepare('UPDATE rollouts SET started_at = COALESCE(started_at, ?) WHERE id = ?').run(times.startedAt, id);
    if (times.finishedAt !== undefined) this.db.prepare('UPDATE rollouts SET finished_at = ? WHERE id = ?').run(times.finishedAt, id);
  }

  /** Records a fresh preview; any earlier approval is withdrawn (it approved another preview). */
  markPreviewed(id: number, at: string): void {
    this.db.prepare("UPDATE rollouts SET state = 'previewed', state_reason = '', previewed_at = ?, approved_by = NULL, approved_at = NULL WHERE id = ?").run(at, id);
  }

  /** Records who approved the plan and when. */
  approve(id: number, actor: string, at: string): void {
    this.db.prepare("UPDATE rollouts SET state = 'approved', state_reason = '', approved_by = ?, approved_at = ? WHERE id = ?").run(actor, at, id);
  }

  /** When a rollout waiting for its window resumes by itself (null: it does not). */
  setResumeAt(id: number, at: string | null): void {
    this.db.prepare('UPDATE rollouts SET resume_at = ? WHERE id = ?').run(at, id);
  }

  /** Rollouts waiting for a window that opens at or before `at`, oldest first. */
  dueToResume(at: string): RolloutRecord[] {
    return this.db.prepare<[string], RolloutRow>("SELECT * FROM rollouts WHERE state = 'waiting' AND resume_at IS NOT NULL AND resume_at <= ? ORDER BY resume_at, id").all(at).map(toRollout);
  }

  /** The job running the rollout. */
  setJob(id: number, jobId: string | null): void {
    this.db.prepare('UPDATE rollouts SET job_id = ? WHERE id = ?').run(jobId, id);
  }

  /** Records the gate approval after a ring. */
  approveGate(ringId: number, actor: string, at: string): void {
    this.db.prepare('UPDATE rollout_rings SET gate_approved_by = ?, gate_approved_at = ? WHERE id = ?').run(actor, at, ringId);
  }

  /** When a ring's first host started and its last one ended. */
  setRingTimes(ringId: number, times: { startedAt?: string; endedAt?: string | null }): void {
    if (times.startedAt !== undefined) this.db.prepare('UPDATE rollout_rings SET started_at = COALESCE(started_at, ?) WHERE id = ?').run(times.startedAt, ringId);
    if (times.endedAt !== undefined) this.db.prepare('UPDATE rollout_rings SET ended_at = ? WHERE id = ?').run(times.endedAt, ringId);
  }

  /** Changes the given fields of a host. */
  updateHost(hostId: number, changes: HostChanges): void {
    const entries = Object.entries(changes) as [keyof HostChanges, unknown][];
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${HOST_COLUMNS[key]} = ?`).join(', ');
    const values = entries.map(([, value]) => (typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number | null)));
    this.db.prepare(`UPDATE rollout_hosts SET ${sets} WHERE id = ?`).run(...values, hostId);
  }

  /** Replaces a host's packages with a new preview's. */
  replacePackages(hostId: number, packages: readonly { name: string; title?: string; fromVersion: string | null; toVersion: string; requested: boolean; rollbackAvailable: boolean | null; rollbackSource: string }[]): void {
    this.db.prepare('DELETE FROM rollout_packages WHERE host_id = ?').run(hostId);
    const insert = this.db.prepare('INSERT INTO rollout_packages (host_id, name, title, from_version, to_version, requested, rollback_available, rollback_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const item of packages) insert.run(hostId, item.name, item.title ?? '', item.fromVersion, item.toVersion, item.requested ? 1 : 0, bit(item.rollbackAvailable), item.rollbackSource);
  }

  /** What the host was seen to have of a package, and when. */
  observePackage(hostId: number, name: string, version: string | null, at: string): void {
    this.db.prepare('UPDATE rollout_packages SET observed_version = ?, observed_at = ? WHERE host_id = ? AND name = ?').run(version, at, hostId, name);
  }

  /** Appends one step of a host. */
  appendEvent(hostId: number, event: RolloutHostEvent): void {
    this.db.prepare('INSERT INTO rollout_host_events (host_id, at, step, outcome, message, output_tail) VALUES (?, ?, ?, ?, ?, ?)').run(hostId, event.at, event.step, event.outcome, event.message, event.outputTail);
  }

  /** Assets held by rollouts in `states` other than `exceptRolloutId`, with the rollout holding each. */
  assetsHeld(states: readonly RolloutState[], exceptRolloutId: number): Map<number, { rolloutId: number; name: string }> {
    const rows = this.db
      .prepare<(string | number)[], { asset_id: number; rollout_id: number; name: string }>(
        `SELECT h.asset_id, r.id AS rollout_id, r.name FROM rollout_hosts h JOIN rollouts r ON r.id = h.rollout_id WHERE r.state IN (${states.map(() => '?').join(', ')}) AND r.id <> ?`,
      )
      .all(...states, exceptRolloutId);
    return new Map(rows.map((row) => [row.asset_id, { rolloutId: row.rollout_id, name: row.name }]));
  }
}
