/**
 * Rollouts from plan to rollback: store a plan, preview it on the hosts (pinned versions, side
 * effects, reboots, window slots, the rollback plan), record the approval in the audit log, run
 * it as a job ring by ring, halt, resume, cancel, and roll hosts back. A host held by another
 * active rollout is refused, and every state change is audited.
 */
import type { Asset } from '../../../shared/contract/assets';
import type { RolloutDetail, RolloutHost, RolloutPlanRequest, RolloutRing, RolloutSummary } from '../../../shared/contract/rollouts';
import type { DeploymentRow } from '../evidence/evidence-report';
import type { z } from 'zod';
import type { RolloutPlanRequest as PlanSchema } from '../../../shared/contract/rollouts';
import type { MaintenanceWindow } from '../../../shared/domain/cycles/maintenance-window';
import { countVerdicts, hostVerdict, type HostState } from '../../../shared/domain/rollouts/host-outcome';
import { narrowPending } from '../../../shared/domain/rollouts/selection';
import { ACTIVE_STATES, actionRefusal, type RolloutAction, type RolloutState } from '../../../shared/domain/rollouts/rollout-plan';
import { AppError, notFound } from '../../platform/app-error';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../db/database';
import type { AuditLogRepository } from '../../db/repositories/audit-log.repository';
import type { PatchStatusRepository } from '../../db/repositories/patch-status.repository';
import type { HostRecord, RingRecord, RolloutRecord, RolloutsRepository } from '../../db/repositories/rollouts.repository';
import { writeTransaction } from '../../db/write-transaction';
import type { InventoryService } from '../inventory/inventory.service';
import type { SitesService } from '../sites/sites.service';
import { isRemoteError } from '../remote/executor/remote-error';
import { checkLabel, runHealthCheck, type HealthCheckResult } from '../remote/operations/health-check';
import type { OperationContext } from '../remote/operations/operation-context';
import type { HostAccess } from './host-access';
import { rollBackHost, runHost, type HostPackagePlan, type HostRunInput } from './host-run';
import { tickCycle, type CyclePort } from './cycle-ticks';
import type { PackageFamilyOperations } from './package-family';
import { previewHosts, type PreviewHostInput } from './rollout-preview';
import type { RolloutJobContext, RolloutJobParams, RolloutJobs } from './rollout-jobs';
import { describeGateWait } from '../../../shared/domain/rollouts/ring-gate';
import { budgetStanding, gateOf, runRollout } from './rollout-runner';
import { actingActor, runAsRequest } from '../../platform/request-context';

/** Dependencies of {@link RolloutsService}. */
export interface RolloutsDeps {
  db: Db;
  rollouts: RolloutsRepository;
  sites: SitesService;
  inventory: InventoryService;
  /** The site's maintenance windows (the cycles service's). */
  windows: (siteId: number) => MaintenanceWindow[];
  patchStatusRepository: PatchStatusRepository;
  access: HostAccess;
  family: (packageManager: string) => PackageFamilyOperations | undefined;
  jobs: RolloutJobs;
  /** The cycles a rollout may be started from (ticked when it completes). */
  cycles: CyclePort;
  audit: AuditLogRepository;
  clock: Clock;
  actor: string;
  /** Waits `ms` (reboot polling, soak); tests pass one they control. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Limits; defaults suit real hosts. */
  limits?: Partial<RolloutLimits>;
  /**
   * The names of the pending updates that fix a CVE, KB or advisory, per affected asset of the
   * site: the triage service's answer (shared/domain/rollouts/selection.ts `fixingUpdatesByAsset`).
   */
  fixingUpdates: (siteId: number, trigger: string) => Map<number, Set<string>>;
}

/** Time limits of host work. */
export interface RolloutLimits {
  lockTimeoutSeconds: number;
  installTimeoutMs: number;
  rebootTimeoutMs: number;
}

const DEFAULT_LIMITS: RolloutLimits = { lockTimeoutSeconds: 300, installTimeoutMs: 1_800_000, rebootTimeoutMs: 600_000 };

type ParsedPlan = z.output<typeof PlanSchema>;

export class RolloutsService {
  private readonly limits: RolloutLimits;

  constructor(private readonly deps: RolloutsDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
  }

  /** Stores a plan; its hosts must be active assets of the site, not held by another active rollout. */
  plan(request: ParsedPlan): RolloutDetail {
    const site = this.deps.sites.get(request.siteId);
    const active = new Map(this.deps.inventory.list(site.id, ['active']).map((asset) => [asset.id, asset]));
    const targets = new Map(request.manualTargets.map((item) => [item.assetId, item.target]));
    const latest = this.deps.patchStatusRepository.latestBySite(site.id);
    const isNetworkDevice = (asset: Asset) => asset.deviceType === 'network-device' || latest.get(asset.id)?.data?.platform === 'network-device';
    const rings = request.rings.map((ring) => ({
      name: ring.name,
      concurrency: ring.concurrency,
      gate: ring.gate,
      windowRing: ring.windowRing,
      hosts: ring.assetIds.map((assetId) => {
        const asset = active.get(assetId);
        if (!asset) throw new AppError('bad_request', `asset ${assetId} (ring ${ring.name}) is not an active asset of site "${site.name}"`);
        if (!isNetworkDevice(asset)) {
          if (targets.has(assetId)) throw new AppError('bad_request', `${hostnameOf(asset)} (ring ${ring.name}) is not a network device: its updates are installed by the rollout, not by a manual step`);
          return { assetId, hostname: hostnameOf(asset), manualTarget: null };
        }
        // Network gear is never installed automatically: the plan carries a manual step to this firmware.
        const target = targets.get(assetId);
        if (target === undefined) throw new AppError('bad_request', `${hostnameOf(asset)} (ring ${ring.name}) is a network device: name the firmware or version its manual step installs`);
        return { assetId, hostname: hostnameOf(asset), manualTarget: target };
      }),
    }));
    if (request.cycleId !== null) {
      const cycle = this.deps.cycles.get(request.cycleId);
      if (cycle.siteId !== site.id) throw new AppError('bad_request', `cycle ${cycle.id} belongs to another site`);
      if (cycle.status !== 'open') throw new AppError('conflict', `cycle ${cycle.id} is closed: a rollout can only be started from an open cycle`);
    }
    if (request.selection.fixes !== null) {
      // "Exactly the fixing updates on the affected hosts": a host triage finds nothing to fix on has no place in the plan.
      const fixing = this.deps.fixingUpdates(site.id, request.selection.fixes);
      const unaffected = rings.flatMap((ring) => ring.hosts).filter((host) => !fixing.has(host.assetId));
      if (unaffected.length > 0) throw new AppError('bad_request', `${unaffected.slice(0, 5).map((host) => host.hostname).join(', ')}${unaffected.length > 5 ? ` and ${unaffected.length - 5} more` : ''} ${unaffected.length === 1 ? 'has' : 'have'} no pending update that fixes ${request.selection.fixes} (triage: fixed, not affected, no fix offered yet, or not measured): plan only the hosts triage shows with a fix pending`);
    }
    const id = writeTransaction(this.deps.db, () => {
      this.refuseHeldHosts(rings.flatMap((ring) => ring.hosts.map((host) => host.assetId)), 0);
      const rolloutId = this.deps.rollouts.create(
        { siteId: site.id, name: request.name, selection: request.selection, rebootPolicy: request.rebootPolicy, failureBudget: request.failureBudget, pre: request.pre, post: request.post, autoRollback: request.autoRollback, cycleId: request.cycleId, rings },
        actingActor(this.deps.actor),
        this.now(),
      );
      this.audit(site.id, rolloutId, 'rollout-planned', { name: request.name, selection: request.selection, rings: rings.map((ring) => ({ name: ring.name, hosts: ring.hosts.length })), failureBudget: request.failureBudget, rebootPolicy: request.rebootPolicy });
      return rolloutId;
    });
    return this.get(id);
  }

  /** One rollout with its rings, hosts, packages and steps. */
  get(rolloutId: number): RolloutDetail {
    const rollout = this.require(rolloutId);
    const hosts = this.deps.rollouts.hosts(rolloutId);
    const packages = this.deps.rollouts.packagesByHost(rolloutId);
    const events = this.deps.rollouts.eventsByHost(rolloutId);
    const nowMs = this.deps.clock.now().getTime();
    const rings: RolloutRing[] = this.deps.rollouts.rings(rolloutId).map((ring) => {
      const members = hosts.filter((host) => host.ringId === ring.id);
      const ended = members.length > 0 && members.every((host) => hostVerdict(host.state) !== 'open');
      // A finished (completed or cancelled) rollout waits for no gate any more.
      const finished = rollout.state === 'completed' || rollout.state === 'cancelled';
      const gate = ended && !finished ? gateOf(ring, members, true, nowMs) : null;
      return { ...ring, gateWaits: gate && !gate.open ? gate.waits.map((wait) => describeGateWait(wait, ring.name)) : [] };
    });
    const detailHosts: RolloutHost[] = hosts.map((host) => ({ ...host, packages: packages.get(host.id) ?? [], events: events.get(host.id) ?? [], manual: host.manual ? { target: host.manualTarget, note: host.manualNote, fileRef: host.manualFileRef, sha256: host.manualSha256, by: host.manualBy, at: host.manualAt } : null }));
    return { ...this.summaryOf(rollout, hosts), pre: rollout.pre, post: rollout.post, rings, hosts: detailHosts };
  }

  /** A site's rollouts, newest first. */
  list(siteId: number): RolloutSummary[] {
    const site = this.deps.sites.get(siteId);
    return this.deps.rollouts.list(site.id).map((rollout) => this.summaryOf(rollout, this.deps.rollouts.hosts(rollout.id)));
  }

  /** The evidence pack's deployment rows: every host of the site's rollouts that ran inside [from, to). */
  deploymentRows(siteId: number, from: string, to: string): DeploymentRow[] {
    const rows: DeploymentRow[] = [];
    const ran = this.deps.rollouts
      .list(siteId, 10_000)
      .filter((rollout) => rollout.startedAt !== null && rollout.startedAt < to && (rollout.finishedAt === null || rollout.finishedAt >= from))
      .reverse();
    for (const rollout of ran) {
      const rings = new Map(this.deps.rollouts.rings(rollout.id).map((ring) => [ring.id, ring.name]));
      const packages = this.deps.rollouts.packagesByHost(rollout.id);
      for (const host of this.deps.rollouts.hosts(rollout.id)) {
        rows.push({
          rolloutId: rollout.id,
          rolloutName: rollout.name,
          rolloutState: rollout.state,
          approvedBy: rollout.approvedBy,
          approvedAt: rollout.approvedAt,
          ring: rings.get(host.ringId) ?? '',
          hostname: host.hostname,
          // A Windows update (it has a title) is installed or not: its KB, title and the exact update, not a version move.
          packages: (packages.get(host.id) ?? []).map((item) => (item.title ? `${item.name} "${item.title}" update ${item.toVersion}` : `${item.name} ${item.fromVersion ?? '(new)'} → ${item.toVersion}`)).join('; '),
          state: host.state,
          startedAt: host.startedAt,
          finishedAt: host.finishedAt,
          rebooted: host.rebooted,
          rolledBack: host.state === 'rolled_back' || host.state === 'rollback_failed',
          verifiedAt: host.verifiedAt,
          message: host.message,
          manual: host.manual ? { note: host.manualNote, fileRef: host.manualFileRef, sha256: host.manualSha256, by: host.manualBy, at: host.manualAt } : null,
        });
      }
    }
    return rows;
  }

  /** Asks every host what the plan would do and stores it; a plan with any refused host cannot be approved. */
  async preview(rolloutId: number): Promise<RolloutDetail> {
    const rollout = this.requireAction(rolloutId, 'preview');
    const site = this.deps.sites.get(rollout.siteId);
    const rings = new Map(this.deps.rollouts.rings(rolloutId).map((ring) => [ring.id, ring]));
    const latest = this.deps.patchStatusRepository.latestBySite(site.id);
    // The triage's answer as it stands now: what fixes the trigger may have changed since the plan.
    const fixing = rollout.selection.fixes === null ? null : this.deps.fixingUpdates(site.id, rollout.selection.fixes);
    const allHosts = this.deps.rollouts.hosts(rolloutId);
    const manualHosts = allHosts.filter((host) => host.manual);
    const inputs: PreviewHostInput[] = allHosts.filter((host) => !host.manual).map((host) => {
      const collection = latest.get(host.assetId)?.data ?? null;
      const pending = narrowPending(rollout.selection, this.deps.patchStatusRepository.openPending(host.assetId), fixing?.get(host.assetId) ?? null);
      return {
        hostId: host.id,
        asset: this.deps.inventory.get(host.assetId),
        windowRing: rings.get(host.ringId)?.windowRing ?? null,
        packageManager: collection?.packageManager ?? null,
        pending,
        rebootPendingNow: collection?.rebootRequired === true,
      };
    });
    const results = await previewHosts({ access: this.deps.access, family: this.deps.family, windows: this.deps.windows(site.id), timeZone: site.timezone, nowMs: this.deps.clock.now().getTime() }, rollout, inputs);
    const refused = results.filter((result) => result.problem !== '');
    writeTransaction(this.deps.db, () => {
      for (const result of results) {
        this.deps.rollouts.replacePackages(result.hostId, result.packages);
        this.deps.rollouts.updateHost(result.hostId, { previewProblem: result.problem, rebootExpected: result.rebootExpected, slot: result.slot });
      }
      for (const host of manualHosts) {
        // What the device runs now, as its last collection read it (null: never collected).
        const current = latest.get(host.assetId)?.data?.device?.osVersion || null;
        this.deps.rollouts.replacePackages(host.id, [{ name: 'firmware', fromVersion: current, toVersion: host.manualTarget, requested: true, rollbackAvailable: null, rollbackSource: 'manual' }]);
        this.deps.rollouts.updateHost(host.id, { previewProblem: '', rebootExpected: null, slot: `manual step: an admin installs ${host.manualTarget} and ticks it with evidence` });
      }
      if (refused.length === 0) this.deps.rollouts.markPreviewed(rolloutId, this.now());
      else this.deps.rollouts.setState(rolloutId, 'planned', `the preview refused ${refused.length} host${refused.length === 1 ? '' : 's'}: fix them or plan without them`);
      this.audit(site.id, rolloutId, 'rollout-previewed', { hosts: results.length, refused: refused.length, packages: results.reduce((sum, result) => sum + result.packages.length, 0) });
    });
    return this.get(rolloutId);
  }

  /** Approves the previewed plan, or (with `ringId`) the gate after that ring; who and when go to the audit log. */
  approve(rolloutId: number, ringId?: number): RolloutDetail {
    if (ringId !== undefined) {
      const rollout = this.requireAction(rolloutId, 'approve_gate');
      const ring = this.deps.rollouts.rings(rolloutId).find((candidate) => candidate.id === ringId);
      if (!ring) throw notFound('ring of this rollout', ringId);
      if (!ring.gate.manualApproval) throw new AppError('conflict', `the gate after ring ${ring.name} does not ask for an approval`);
      if (ring.gateApprovedAt !== null) throw new AppError('conflict', `the gate after ring ${ring.name} was approved by ${ring.gateApprovedBy ?? 'someone'} at ${ring.gateApprovedAt}`);
      writeTransaction(this.deps.db, () => {
        this.deps.rollouts.approveGate(ring.id, actingActor(this.deps.actor), this.now());
        this.audit(rollout.siteId, rolloutId, 'rollout-gate-approved', { ring: ring.name, by: actingActor(this.deps.actor), at: this.now() });
      });
      return this.get(rolloutId);
    }
    const rollout = this.requireAction(rolloutId, 'approve');
    writeTransaction(this.deps.db, () => {
      this.deps.rollouts.approve(rolloutId, actingActor(this.deps.actor), this.now());
      this.audit(rollout.siteId, rolloutId, 'rollout-approved', { by: actingActor(this.deps.actor), at: this.now(), previewedAt: rollout.previewedAt });
    });
    return this.get(rolloutId);
  }

  /** Starts an approved rollout as a job. */
  start(rolloutId: number): { rolloutId: number; jobId: string; state: RolloutState } {
    return this.launch(rolloutId, 'start');
  }

  /** Continues a halted, interrupted or waiting rollout. */
  resume(rolloutId: number): { rolloutId: number; jobId: string; state: RolloutState } {
    return this.launch(rolloutId, 'resume');
  }

  /**
   * The scheduler's work at each heartbeat of a core process: every rollout waiting for a
   * maintenance window that has opened by `now` resumes by itself (audited as such). Each is
   * claimed in its own write transaction, so two processes never resume the same one; one that
   * cannot resume (a host now held by another rollout) is halted with the reason, not retried.
   */
  resumeDue(now: Date): number[] {
    const resumed: number[] = [];
    for (const due of this.deps.rollouts.dueToResume(now.toISOString())) {
      // Resumed on behalf of whoever started the run that is waiting (a CLI command's actor too), not of this process's user.
      const startedBy = due.jobId === null ? null : (this.deps.jobs.startedBy?.(due.jobId) ?? null);
      const resume = () => this.resumeOneDue(due, now);
      if (startedBy ? runAsRequest(startedBy, resume) : resume()) resumed.push(due.id);
    }
    return resumed;
  }

  /** resumeDue for one rollout: true when it resumed. */
  private resumeOneDue(due: RolloutRecord, now: Date): boolean {
    try {
      const started = writeTransaction(this.deps.db, () => {
        const current = this.require(due.id);
        if (current.state !== 'waiting' || current.resumeAt === null || current.resumeAt > now.toISOString()) return false;
        this.audit(current.siteId, current.id, 'rollout-window-opened', { resumeAt: current.resumeAt, at: now.toISOString() });
        this.launch(current.id, 'resume');
        return true;
      });
      return started;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      writeTransaction(this.deps.db, () => {
        this.deps.rollouts.setState(due.id, 'halted', `the maintenance window opened but the rollout could not resume by itself: ${error.message}`);
        this.audit(due.siteId, due.id, 'rollout-halted', { reason: error.message });
      });
      return false;
    }
  }

  /**
   * An admin did a network device's manual step: the host is recorded as installed with the
   * evidence (a note, optionally a file reference and its SHA-256), who and when, audited. The
   * ring's gate then no longer waits for it; a rollout waiting only for manual steps is resumed.
   */
  manualDone(request: { rolloutId: number; assetId: number; note: string; fileRef: string | null; sha256: string | null }): RolloutDetail {
    const rollout = this.require(request.rolloutId);
    if (!ACTIVE_STATES.includes(rollout.state) || rollout.state === 'approved') throw new AppError('conflict', `rollout ${rollout.id} is ${rollout.state}: a manual step is ticked while the rollout runs, waits, or is halted`);
    const host = this.deps.rollouts.hosts(rollout.id).find((candidate) => candidate.assetId === request.assetId) ?? failNotInRollout(request.assetId, rollout.id);
    if (!host.manual) throw new AppError('bad_request', `${host.hostname} is not a manual step: the rollout installs it`);
    if (host.state !== 'pending') throw new AppError('conflict', `the manual step of ${host.hostname} was already ticked by ${host.manualBy ?? 'someone'} at ${host.manualAt ?? '?'}`);
    const at = this.now();
    const evidence = [request.note, request.fileRef ? `file ${request.fileRef}` : null, request.sha256 ? `SHA-256 ${request.sha256}` : null].filter(Boolean).join('; ');
    writeTransaction(this.deps.db, () => {
      this.deps.rollouts.updateHost(host.id, { state: 'installed', step: '', message: `manual step: ${host.manualTarget} installed by hand, ticked by ${actingActor(this.deps.actor)}: ${evidence}`, manualNote: request.note, manualFileRef: request.fileRef, manualSha256: request.sha256, manualBy: actingActor(this.deps.actor), manualAt: at, startedAt: host.startedAt ?? at, finishedAt: at });
      this.deps.rollouts.appendEvent(host.id, { at, step: 'manual', outcome: 'ok', message: `ticked by ${actingActor(this.deps.actor)}: ${evidence}`, outputTail: '' });
      this.audit(rollout.siteId, rollout.id, 'rollout-manual-step-done', { host: host.hostname, assetId: host.assetId, target: host.manualTarget, note: request.note, fileRef: request.fileRef, sha256: request.sha256, by: actingActor(this.deps.actor), at });
    });
    const after = this.require(rollout.id);
    const stillManual = this.deps.rollouts.hosts(rollout.id).some((candidate) => candidate.manual && candidate.state === 'pending');
    if (after.state === 'waiting' && after.stateReason.startsWith(MANUAL_WAIT) && !stillManual && !this.deps.jobs.active(after.jobId ?? '')) this.resume(rollout.id);
    return this.get(rollout.id);
  }

  /** No new host starts; hosts running now finish their package transactions. */
  halt(rolloutId: number): RolloutDetail {
    const rollout = this.requireAction(rolloutId, 'halt');
    writeTransaction(this.deps.db, () => {
      this.deps.rollouts.setState(rolloutId, 'halted', `halted by ${actingActor(this.deps.actor)}`);
      this.audit(rollout.siteId, rolloutId, 'rollout-halted', {});
    });
    return this.get(rolloutId);
  }

  /** Ends the rollout: no new host starts, running transactions finish, pending hosts are skipped. */
  cancel(rolloutId: number): RolloutDetail {
    const rollout = this.requireAction(rolloutId, 'cancel');
    writeTransaction(this.deps.db, () => {
      for (const host of this.deps.rollouts.hosts(rolloutId)) if (host.state === 'pending') this.deps.rollouts.updateHost(host.id, { state: 'skipped', message: `the rollout was cancelled by ${actingActor(this.deps.actor)}` });
      this.deps.rollouts.setState(rolloutId, 'cancelled', `cancelled by ${actingActor(this.deps.actor)}`, { finishedAt: this.now() });
      this.audit(rollout.siteId, rolloutId, 'rollout-cancelled', {});
    });
    return this.get(rolloutId);
  }

  /** Rolls back the named hosts (or every host that changed) to their recorded versions, as a job. */
  rollback(rolloutId: number, assetIds: readonly number[]): { rolloutId: number; jobId: string; state: RolloutState } {
    const rollout = this.requireAction(rolloutId, 'rollback');
    this.refuseWhileJobRuns(rollout);
    const hosts = this.deps.rollouts.hosts(rolloutId);
    // A network device's manual step is undone by hand, like it was done: never over SSH here.
    const chosen = assetIds.length === 0 ? hosts.filter((host) => !host.manual && ['installed', 'installed_with_warnings', 'failed', 'rollback_failed'].includes(host.state)) : assetIds.map((assetId) => hosts.find((host) => host.assetId === assetId) ?? failNotInRollout(assetId, rolloutId));
    const manual = chosen.find((host) => host.manual);
    if (manual) throw new AppError('bad_request', `${manual.hostname} is a network device: its manual step is rolled back by hand, not by Patchdesk`);
    if (chosen.length === 0) throw new AppError('conflict', 'no host of this rollout changed anything to roll back');
    const jobId = writeTransaction(this.deps.db, () => {
      this.deps.rollouts.setState(rolloutId, 'running', `rolling back ${chosen.length} host${chosen.length === 1 ? '' : 's'} (asked by ${actingActor(this.deps.actor)})`);
      this.audit(rollout.siteId, rolloutId, 'rollout-rollback-requested', { hosts: chosen.map((host) => host.hostname) });
      const id = this.deps.jobs.start(rollout.siteId, { rolloutId, mode: 'rollback', assetIds: chosen.map((host) => host.assetId) });
      this.deps.rollouts.setJob(rolloutId, id);
      return id;
    });
    return { rolloutId, jobId, state: 'running' };
  }

  /** The work of a rollout job: the rings, or a rollback; returns the state the rollout is left in. */
  async runJob(context: RolloutJobContext, params: RolloutJobParams): Promise<RolloutState> {
    const rollout = this.require(params.rolloutId);
    if (params.mode === 'rollback') {
      const hosts = this.deps.rollouts.hosts(rollout.id).filter((host) => params.assetIds.includes(host.assetId));
      for (const host of hosts) await this.rollBackOne(context, rollout, host);
      const all = this.deps.rollouts.hosts(rollout.id);
      const state: RolloutState = all.every((host) => hostVerdict(host.state) !== 'open') ? 'completed' : 'halted';
      writeTransaction(this.deps.db, () => {
        this.deps.rollouts.setState(rollout.id, state, `rolled back ${hosts.map((host) => `${host.hostname}`).join(', ')}`, state === 'completed' ? { finishedAt: this.now() } : {});
        this.audit(rollout.siteId, rollout.id, 'rollout-rollback-finished', { hosts: hosts.map((host) => host.hostname), state });
      });
      return state;
    }
    // Hosts a stopped process left mid-way: read what is really there before going on.
    if (this.deps.rollouts.hosts(rollout.id).some((host) => host.state === 'running')) await this.rereadHosts(rollout, context);
    try {
      await this.run(context, rollout.id);
    } catch (error) {
      // Stopped between steps (a cancel of the job, or this process shutting down): hosts cut
      // short stay "running", so the next run reads their real state before anything else.
      if (context.signal.aborted) {
        writeTransaction(this.deps.db, () => {
          if (this.require(rollout.id).state !== 'running') return;
          this.deps.rollouts.setState(rollout.id, 'interrupted', 'the job running the rollout was stopped; hosts it had started are read again when it resumes');
          this.audit(rollout.siteId, rollout.id, 'rollout-interrupted', { jobId: context.jobId });
        });
      }
      throw error;
    }
    const after = this.require(rollout.id);
    if (after.state === 'completed' && after.cycleId !== null) {
      const ticked = tickCycle(this.deps.cycles, this.get(rollout.id), this.now());
      if (ticked.length > 0) writeTransaction(this.deps.db, () => this.audit(rollout.siteId, rollout.id, 'rollout-cycle-ticked', { cycleId: after.cycleId, items: ticked }));
    }
    return after.state;
  }

  /** The engine found the process running this job gone: the rollout says so (inside the engine's write transaction). */
  markJobInterrupted(jobId: string): void {
    for (const rollout of this.deps.rollouts.inStates(['running'])) {
      if (rollout.jobId !== jobId) continue;
      this.deps.rollouts.setState(rollout.id, 'interrupted', 'the Patchdesk process running the rollout stopped; each host is read again before anything else runs');
      this.audit(rollout.siteId, rollout.id, 'rollout-interrupted', { jobId });
    }
  }

  /** Waits until the job running a rollout ends. */
  async wait(jobId: string): Promise<void> {
    await this.deps.jobs.wait(jobId);
  }

  /**
   * After Patchdesk stopped mid-rollout: read each interrupted host's real state again (never
   * assume), put it back to pending with what was found, and leave the rollout waiting for an admin.
   */
  async recoverInterrupted(rolloutId: number, context?: RolloutJobContext): Promise<RolloutDetail> {
    const rollout = this.require(rolloutId);
    const reread = await this.rereadHosts(rollout, context);
    writeTransaction(this.deps.db, () => {
      this.deps.rollouts.setState(rolloutId, 'interrupted', interruptedReason(reread));
      this.audit(rollout.siteId, rolloutId, 'rollout-interrupted', { hosts: [...reread.read, ...reread.unread], unread: reread.unread });
    });
    return this.get(rolloutId);
  }

  /** Reads the real state of every host left `running` and puts it back to pending with what was found; returns their names, read or not. */
  private async rereadHosts(rollout: RolloutRecord, context?: RolloutJobContext): Promise<{ read: string[]; unread: string[] }> {
    const outcome: { read: string[]; unread: string[] } = { read: [], unread: [] };
    const hosts = this.deps.rollouts.hosts(rollout.id).filter((host) => host.state === 'running');
    const packages = this.deps.rollouts.packagesByHost(rollout.id);
    for (const host of hosts) {
      const asset = this.deps.inventory.get(host.assetId);
      const opened = this.deps.access.open(asset, 'rollout');
      const family = this.familyOf(asset);
      let found = !opened.ok ? `its real state could not be read yet (${opened.reason}); it is read before the host runs again` : 'its real state could not be read yet (no package manager known for it); it is read before the host runs again';
      let known = false;
      if (opened.ok && family) {
        const names = (packages.get(host.id) ?? []).map((item) => item.name);
        const read = async () => {
          const installed = names.length > 0 ? await family.installedVersions(opened.context, names) : new Map<string, { version: string; complete: boolean }>();
          return { installed, unfinished: await family.unfinished(opened.context) };
        };
        try {
          const real = context ? await context.step(host.hostname, 'read real state', async () => read()) : await read();
          for (const name of names) this.deps.rollouts.observePackage(host.id, name, real.installed.get(name)?.version ?? null, this.now());
          found = `found ${[...real.installed].map(([name, state]) => `${name} ${state.version}${state.complete ? '' : ' (half-installed)'}`).join(', ') || 'no targeted package'}${real.unfinished.length > 0 ? `; half-installed: ${real.unfinished.join(', ')}` : ''}`;
          known = true;
        } catch (error) {
          if (!isRemoteError(error)) throw error;
          found = `its real state could not be read yet (${error.message}); it is read before the host runs again`;
        }
      }
      // A host whose state could not be read stays "running" (left mid-way): the next run reads it before anything else.
      writeTransaction(this.deps.db, () => {
        this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: host.step || 'interrupted', outcome: 'note', message: `Patchdesk stopped during "${host.step}"; ${found}`, outputTail: '' });
        this.deps.rollouts.updateHost(host.id, { ...(known ? { state: 'pending' as const } : {}), message: `interrupted during "${host.step}"; ${found}` });
      });
      (known ? outcome.read : outcome.unread).push(host.hostname);
    }
    return outcome;
  }

  private launch(rolloutId: number, action: 'start' | 'resume'): { rolloutId: number; jobId: string; state: RolloutState } {
    const rollout = this.requireAction(rolloutId, action);
    this.refuseWhileJobRuns(rollout);
    const jobId = writeTransaction(this.deps.db, () => {
      this.refuseHeldHosts(
        this.deps.rollouts.hosts(rolloutId).map((host) => host.assetId),
        rolloutId,
      );
      this.deps.rollouts.setState(rolloutId, 'running', '', { startedAt: this.now() });
      this.audit(rollout.siteId, rolloutId, action === 'start' ? 'rollout-started' : 'rollout-resumed', {});
      // Started inside the transaction: if it rolls back, the job never runs.
      const id = this.deps.jobs.start(rollout.siteId, { rolloutId, mode: 'run', assetIds: [] });
      this.deps.rollouts.setJob(rolloutId, id);
      return id;
    });
    return { rolloutId, jobId, state: 'running' };
  }

  /** A halted rollout may still be finishing hosts in its job (here or in another process): nothing else starts meanwhile. */
  private refuseWhileJobRuns(rollout: RolloutRecord): void {
    if (rollout.jobId !== null && this.deps.jobs.active(rollout.jobId)) throw new AppError('conflict', `rollout ${rollout.id} is still finishing the hosts it started (job ${rollout.jobId}); try again when they are done`);
  }

  /** The rollout job's work. */
  async run(context: RolloutJobContext, rolloutId: number): Promise<void> {
    const rollout = this.require(rolloutId);
    const site = this.deps.sites.get(rollout.siteId);
    const packages = this.deps.rollouts.packagesByHost(rolloutId);
    await runRollout({
      rollout: () => this.require(rolloutId),
      rings: () => this.deps.rollouts.rings(rolloutId),
      hosts: () => this.deps.rollouts.hosts(rolloutId),
      runHost: (host) => this.runOne(context, this.require(rolloutId), host, (packages.get(host.id) ?? []).map((item) => ({ name: item.name, fromVersion: item.fromVersion, toVersion: item.toVersion }))),
      ringHealth: (ring, hosts) => this.ringHealth(context, this.require(rolloutId), ring, hosts),
      setRingTimes: (ringId, times) => this.deps.rollouts.setRingTimes(ringId, times),
      manualWait: (ring) => {
        const open = this.deps.rollouts.hosts(rolloutId).filter((host) => host.ringId === ring.id && host.manual && host.state === 'pending');
        return open.length === 0 ? null : `${MANUAL_WAIT} of ring ${ring.name}: ${open.map((host) => `${host.hostname} (install ${host.manualTarget} by hand, then tick it with evidence)`).join(', ')}`;
      },
      settle: (state, reason, resumeAtMs) =>
        writeTransaction(this.deps.db, () => {
          const current = this.require(rolloutId);
          // An admin's halt or cancel stands: the run only settles a rollout it still runs.
          if (current.state !== 'running') return;
          this.deps.rollouts.setState(rolloutId, state, reason, state === 'completed' ? { finishedAt: this.now() } : {});
          // Waiting for a window: the scheduler (resumeDue, at the job engine's heartbeat) resumes it when the window opens.
          const resumeAt = resumeAtMs === undefined ? null : new Date(resumeAtMs).toISOString();
          if (state === 'waiting' && resumeAt !== null) this.deps.rollouts.setResumeAt(rolloutId, resumeAt);
          this.audit(rollout.siteId, rolloutId, `rollout-${state}`, { reason, counts: countVerdicts(this.deps.rollouts.hosts(rolloutId).map((host) => host.state)), ...(resumeAt !== null ? { resumeAt } : {}) });
        }),
      windows: this.deps.windows(site.id),
      timeZone: site.timezone,
      nowMs: () => this.deps.clock.now().getTime(),
      sleepUntil: (ms) => this.deps.sleep(Math.max(0, ms - this.deps.clock.now().getTime()), context.signal),
      signal: context.signal,
    });
  }

  private async runOne(context: RolloutJobContext, rollout: RolloutRecord, host: HostRecord, plan: HostPackagePlan[]): Promise<void> {
    // A network device is never installed here: its manual step waits for an admin (the runner holds the ring).
    if (host.manual) {
      if (host.step !== 'manual') {
        writeTransaction(this.deps.db, () => {
          this.deps.rollouts.updateHost(host.id, { step: 'manual', message: `waiting for an admin to install ${host.manualTarget} by hand and tick it with evidence` });
          this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: 'manual', outcome: 'started', message: `manual step: install ${host.manualTarget}`, outputTail: '' });
        });
      }
      return;
    }
    const asset = this.deps.inventory.get(host.assetId);
    const resumed = host.attempts > 0;
    this.deps.rollouts.updateHost(host.id, { state: 'running', step: 'start', attempts: host.attempts + 1, startedAt: this.now(), finishedAt: null });
    const finish = (state: HostState, message: string) =>
      writeTransaction(this.deps.db, () => {
        this.deps.rollouts.updateHost(host.id, { state, message, step: '', finishedAt: this.now() });
        this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: 'end', outcome: hostVerdict(state) === 'success' ? 'ok' : hostVerdict(state) === 'failure' ? 'failed' : 'skipped', message: `${state}: ${message}`, outputTail: '' });
        this.audit(rollout.siteId, rollout.id, `rollout-host-${state.replace(/_/g, '-')}`, { host: host.hostname, assetId: host.assetId, message });
      });
    const report = () => {
      const counts = countVerdicts(this.deps.rollouts.hosts(rollout.id).map((each) => each.state));
      context.progress({ rolloutId: rollout.id, host: host.hostname, state: this.deps.rollouts.host(host.id)?.state ?? 'pending', counts: { hosts: counts.open + counts.success + counts.failure + counts.not_attempted, open: counts.open, success: counts.success, failure: counts.failure, notAttempted: counts.not_attempted } });
    };
    const family = this.familyOf(asset);
    const opened = this.deps.access.open(asset, 'rollout');
    if (!family) finish('preflight_blocked', 'the host was never collected with a package manager rollouts support');
    else if (!opened.ok) finish('preflight_blocked', opened.reason);
    else {
      const result = await runHost(this.hostInput(context, rollout, host, asset, opened.context, family, plan, resumed));
      finish(result.state, result.message);
    }
    report();
  }

  private async rollBackOne(context: RolloutJobContext, rollout: RolloutRecord, host: HostRecord): Promise<void> {
    const asset = this.deps.inventory.get(host.assetId);
    const family = this.familyOf(asset);
    const opened = this.deps.access.open(asset, 'rollout');
    const plan = (this.deps.rollouts.packagesByHost(rollout.id).get(host.id) ?? []).map((item) => ({ name: item.name, fromVersion: item.fromVersion, toVersion: item.toVersion }));
    const result = !family || !opened.ok ? { state: 'rollback_failed' as const, message: !opened.ok ? opened.reason : 'no package manager known for this host' } : await rollBackHost(this.hostInput(context, rollout, host, asset, opened.context, family, plan, true));
    writeTransaction(this.deps.db, () => {
      this.deps.rollouts.updateHost(host.id, { state: result.state, message: result.message, step: '', finishedAt: this.now() });
      this.audit(rollout.siteId, rollout.id, `rollout-host-${result.state.replace(/_/g, '-')}`, { host: host.hostname, assetId: host.assetId, message: result.message, onDemand: true });
    });
  }

  private hostInput(context: RolloutJobContext, rollout: RolloutRecord, host: HostRecord, asset: Asset, operation: OperationContext, family: PackageFamilyOperations, plan: HostPackagePlan[], resumed: boolean): HostRunInput {
    return {
      hostname: host.hostname,
      context: operation,
      family,
      packages: plan,
      pre: rollout.pre,
      post: rollout.post,
      rebootPolicy: rollout.rebootPolicy,
      autoRollback: rollout.autoRollback,
      resumed,
      lockTimeoutSeconds: this.limits.lockTimeoutSeconds,
      installTimeoutMs: this.limits.installTimeoutMs,
      reboot: { timeoutMs: this.limits.rebootTimeoutMs, clock: this.deps.clock, sleep: (ms) => this.deps.sleep(ms, context.signal) },
      step: (name, fn) =>
        context.step(host.hostname, name, async (note) => {
          const notes: string[] = [];
          this.deps.rollouts.updateHost(host.id, { step: name });
          this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: name, outcome: 'started', message: '', outputTail: '' });
          try {
            const value = await fn((text) => {
              notes.push(text);
              note(text);
            });
            writeTransaction(this.deps.db, () => {
              this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: name, outcome: 'ok', message: '', outputTail: notes.join('\n').slice(-4000) });
              if (name === 'rollback') this.audit(rollout.siteId, rollout.id, 'rollout-host-rollback-step', { host: host.hostname, assetId: host.assetId, outcome: 'ok' });
            });
            return value;
          } catch (error) {
            writeTransaction(this.deps.db, () => {
              this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: name, outcome: 'failed', message: (error as Error).message.slice(0, 2000), outputTail: notes.join('\n').slice(-4000) });
              if (name === 'rollback') this.audit(rollout.siteId, rollout.id, 'rollout-host-rollback-step', { host: host.hostname, assetId: host.assetId, outcome: 'failed', message: (error as Error).message });
            });
            throw error;
          }
        }),
      sink: {
        update: (changes) => this.deps.rollouts.updateHost(host.id, changes),
        observe: (name, version) => this.deps.rollouts.observePackage(host.id, name, version, this.now()),
      },
      verify: () => this.deps.access.collect(asset, operation),
    };
  }

  /**
   * The gate's "health checks passed": the typed post checks run again on each of the ring's
   * successful hosts, each host as a step whose output names every check's result; null when
   * there are none to run. A host that cannot be reached fails the gate (fail closed).
   */
  private async ringHealth(context: RolloutJobContext, rollout: RolloutRecord, ring: RingRecord, hosts: HostRecord[]): Promise<boolean | null> {
    if (!ring.gate.healthPassed || rollout.post.length === 0) return null;
    let passed = true;
    for (const host of hosts.filter((candidate) => hostVerdict(candidate.state) === 'success')) {
      const opened = this.deps.access.open(this.deps.inventory.get(host.assetId), 'rollout');
      const results = await context
        .step(host.hostname, `ring ${ring.name} health`, async (note) => {
          if (!opened.ok) throw new AppError('conflict', `the health checks could not run on ${host.hostname}: ${opened.reason}`);
          const found: (HealthCheckResult & { label: string })[] = [];
          for (const check of rollout.post) {
            const result = await runHealthCheck(opened.context, check);
            note(`${checkLabel(check)}: ${result.reason}`);
            found.push({ ...result, label: checkLabel(check) });
          }
          return found;
        })
        .catch((error: unknown): (HealthCheckResult & { label: string })[] => [{ label: 'health checks', passed: false, exitCode: -1, reason: `failed: ${(error as Error).message}`, output: '' }]);
      const failed = results.filter((result) => !result.passed);
      this.deps.rollouts.appendEvent(host.id, { at: this.now(), step: `ring ${ring.name} health`, outcome: failed.length === 0 ? 'ok' : 'failed', message: failed.length === 0 ? `${results.length} health check${results.length === 1 ? '' : 's'} passed` : failed.map((result) => `${result.label}: ${result.reason}`).join('; ').slice(0, 2000), outputTail: results.map((result) => `${result.label}: ${result.reason}`).join('\n').slice(-4000) });
      if (failed.length > 0) passed = false;
    }
    return passed;
  }

  private familyOf(asset: Asset): PackageFamilyOperations | undefined {
    const manager = this.deps.patchStatusRepository.latestBySite(asset.siteId, asset.id).get(asset.id)?.data?.packageManager;
    return manager ? this.deps.family(manager) : undefined;
  }

  private summaryOf(rollout: RolloutRecord, hosts: readonly HostRecord[]): RolloutSummary {
    const counts = countVerdicts(hosts.map((host) => host.state));
    return {
      ...rollout,
      budget: budgetStanding(rollout, hosts),
      counts: { hosts: hosts.length, open: counts.open, success: counts.success, failure: counts.failure, notAttempted: counts.not_attempted },
    };
  }

  private refuseHeldHosts(assetIds: readonly number[], rolloutId: number): void {
    const held = this.deps.rollouts.assetsHeld(ACTIVE_STATES, rolloutId);
    const clashes = assetIds.filter((assetId) => held.has(assetId));
    if (clashes.length === 0) return;
    const named = clashes.slice(0, 5).map((assetId) => {
      const holder = held.get(assetId);
      return `asset ${assetId} (in rollout ${holder?.rolloutId} "${holder?.name}")`;
    });
    throw new AppError('conflict', `refused: ${named.join(', ')}${clashes.length > 5 ? ` and ${clashes.length - 5} more` : ''} ${clashes.length === 1 ? 'is' : 'are'} in another rollout that is not finished; finish or cancel it first`);
  }

  private require(rolloutId: number): RolloutRecord {
    const rollout = this.deps.rollouts.get(rolloutId);
    if (!rollout) throw notFound('rollout', rolloutId);
    return rollout;
  }

  private requireAction(rolloutId: number, action: RolloutAction): RolloutRecord {
    const rollout = this.require(rolloutId);
    const refusal = actionRefusal(rollout.state, action);
    if (refusal) throw new AppError('conflict', `rollout ${rolloutId}: ${refusal}`);
    return rollout;
  }

  private audit(siteId: number, rolloutId: number, action: string, details: Record<string, unknown>): void {
    this.deps.audit.append({ at: this.now(), actor: actingActor(this.deps.actor), siteId, entityType: 'rollout', entityId: rolloutId, action, details });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** How the reason of a rollout waiting for network devices' manual steps begins. */
const MANUAL_WAIT = 'waiting for the manual step';

function hostnameOf(asset: Asset): string {
  return asset.hostname || asset.addresses[0] || `asset ${asset.id}`;
}

function failNotInRollout(assetId: number, rolloutId: number): never {
  throw new AppError('bad_request', `asset ${assetId} is not a host of rollout ${rolloutId}`);
}

export type { RolloutPlanRequest };

/**
 * Why an interrupted rollout waits, in words that match the host cards: how many hosts were read
 * again, and which could not be read yet (a locked vault, an unreachable host), never claiming more.
 */
export function interruptedReason(reread: { read: readonly string[]; unread: readonly string[] }): string {
  const plural = (count: number) => `${count} host${count === 1 ? '' : 's'}`;
  const parts = ['Patchdesk stopped while the rollout ran'];
  if (reread.read.length > 0) parts.push(`the real state of ${plural(reread.read.length)} was read again`);
  if (reread.unread.length > 0) parts.push(`the real state of ${reread.unread.join(', ')} could not be read yet (see ${reread.unread.length === 1 ? 'its card' : 'their cards'}); it is read before ${reread.unread.length === 1 ? 'that host runs' : 'they run'} again`);
  return `${parts.join('; ')}: resume when ready`;
}
