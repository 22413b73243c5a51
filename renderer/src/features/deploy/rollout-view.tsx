import { useState } from 'react';
import type { RolloutDetail, RolloutHost } from '../../../../shared/contract';
import { isActiveJobState } from '../../../../shared/contract/jobs';
import { actionAllowed } from '../../../../shared/domain/rollouts/rollout-plan';
import { describeSelection } from '../../../../shared/domain/rollouts/selection';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Badge } from '../../components/badge';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { SiteTime } from '../../components/site-time';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { useSiteClock } from '../checklist/use-site-clock';
import { useRequiredSite } from '../sites/current-site-context';
import { HostCard } from './host-card';
import { describeGateWait } from '../../../../shared/domain/rollouts/ring-gate';
import { REBOOT_LABELS, ROLLOUT_STATE_LABELS, ROLLOUT_STATE_TONES, sentenceCase } from './rollout-labels';
import { RolloutPreviewTable } from './rollout-preview-table';
import { ringAwaitingApproval, ringColumns, rollbackCandidates } from './rollout-view-model';
import { useRollout, useRolloutActions, useRolloutJob } from './use-rollouts';

/** What a confirmation dialog is about to do. */
type Confirm = { kind: 'cancel' } | { kind: 'rollback'; label: string; assetIds: number[] } | { kind: 'manual'; host: RolloutHost } | null;

const BEFORE_START = new Set(['planned', 'previewed', 'approved']);

/** What a halted or cancelled rollout still does before its job ends: hosts that started finish; nothing is killed mid-install. */
function finishingText(running: number): string {
  if (running === 0) return 'The job is finishing; resume or roll back once it has ended.';
  return `${running === 1 ? 'The host' : `The ${running} hosts`} already installing ${running === 1 ? 'finishes its' : 'finish their'} package transaction first; nothing is killed mid-install.`;
}
/** When a network device's manual step can be ticked: while the rollout runs, waits or is halted. */
const MANUAL_TICK_STATES = new Set(['running', 'waiting', 'halted', 'interrupted']);

/**
 * One rollout: the preview and approval before it starts, then the live view (rings as columns,
 * hosts as cards) with its controls. It reads the stored rollout, so a reload or another window
 * shows the same state; the `rollouts` change topic refreshes it while the job runs.
 */
export function RolloutView({ rolloutId }: { rolloutId: number }) {
  const site = useRequiredSite();
  const rollout = useRollout(rolloutId);
  const back = (
    <a href="#/checklist/deploy" className="link-button back-link" data-testid="rollout-back">
      <Icon name="chevronRight" size={12} className="icon flip" />
      All rollouts
    </a>
  );
  if (!rollout.data || rollout.data.siteId !== site.id) {
    const missing = isApiClientError(rollout.error, 'not_found') || (rollout.data !== undefined && rollout.data.siteId !== site.id);
    return (
      <div className="screen" data-testid="rollout-view" data-state={missing ? 'missing' : 'loading'}>
        {back}
        {missing ? (
          <EmptyState icon="checklist" title="No such rollout in this site">
            It may belong to another site, or the link is out of date.
          </EmptyState>
        ) : rollout.error ? (
          <InlineAlert title="The rollout could not be loaded">{errorMessage(rollout.error)}</InlineAlert>
        ) : (
          <div className="skeleton-block" aria-busy="true" aria-label="Loading the rollout" />
        )}
      </div>
    );
  }
  return <Loaded rollout={rollout.data} back={back} />;
}

function Loaded({ rollout, back }: { rollout: RolloutDetail; back: React.ReactNode }) {
  const site = useRequiredSite();
  const { nowMs } = useSiteClock(site.timezone, rollout.state === 'running' ? 1000 : 60_000);
  const actions = useRolloutActions();
  const notify = useToast();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const can = (action: Parameters<typeof actionAllowed>[1]) => actionAllowed(rollout.state, action);
  const refused = rollout.hosts.filter((host) => host.previewProblem);
  const gateRing = ringAwaitingApproval(rollout);
  // The banner already asks for the approval: it lists only what else the gate waits for.
  const otherWaits = gateRing ? gateRing.gateWaits.filter((wait) => wait !== describeGateWait({ reason: 'approval_needed' }, gateRing.name)) : [];
  const columns = ringColumns(rollout);
  const rollbackable = rollbackCandidates(rollout.hosts);
  const live = !BEFORE_START.has(rollout.state);
  const anyPending = Object.values(actions).some((mutation) => mutation.pending);
  // Halt and cancel let running package transactions finish: until the job has ended, a resume or rollback would be refused.
  const job = useRolloutJob(rollout.jobId);
  const finishing = rollout.state !== 'running' && job.data !== undefined && isActiveJobState(job.data.job.state);
  // Waiting for a network device's manual step: ticking it resumes the rollout; a resume before would only wait again.
  const waitsForManualStep = rollout.state === 'waiting' && rollout.resumeAt === null && rollout.hosts.some((host) => host.manual !== null && host.state === 'pending');
  // Waiting for a closed maintenance window: it resumes by itself when the window opens; a resume before would only wait again.
  const waitsForWindow = rollout.state === 'waiting' && rollout.resumeAt !== null;
  const waitingRing = columns.find((column) => column.done < column.hosts.length)?.ring;

  // The runner stops at a gate that asks for a person (waiting); approving it and resuming is one act for the admin.
  const approveGate = async (ringId: number) => {
    const approved = await actions.approve.run({ rolloutId: rollout.id, ringId });
    if (actionAllowed(approved.state, 'resume')) await actions.resume.run({ rolloutId: rollout.id });
  };

  const act = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      notify({ tone: 'success', text: label });
    } catch (caught) {
      notify({ tone: 'danger', text: errorMessage(caught) });
    }
  };

  return (
    <div className="screen" data-testid="rollout-view" data-state={rollout.state}>
      {back}
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 4 · Deploy</p>
          <h1 className="screen__title">
            {rollout.name}{' '}
            <Badge tone={ROLLOUT_STATE_TONES[rollout.state]} testId="rollout-state">
              {ROLLOUT_STATE_LABELS[rollout.state]}
            </Badge>
          </h1>
          <p className="screen__subtitle muted">
            {sentenceCase(describeSelection(rollout.selection))} · {REBOOT_LABELS[rollout.rebootPolicy]} · {plural(rollout.counts.hosts, 'host')} in {plural(rollout.rings.length, 'ring')}
            {rollout.autoRollback ? ' · failed post steps roll the host back' : ''}
          </p>
        </div>
        <div className="screen__actions">
          {can('preview') && rollout.state !== 'approved' ? (
            <button type="button" className="button" disabled={anyPending} onClick={() => void act('Previewed again', () => actions.preview.run({ rolloutId: rollout.id }))} data-testid="rollout-repreview">
              Preview again
            </button>
          ) : null}
          {can('approve') ? (
            <button type="button" className="button button--primary" disabled={anyPending || refused.length > 0} title={refused.length > 0 ? 'Refused hosts must be fixed or removed first' : undefined} onClick={() => void act('Rollout approved', () => actions.approve.run({ rolloutId: rollout.id }))} data-testid="rollout-approve">
              Approve
            </button>
          ) : null}
          {can('start') ? (
            <button type="button" className="button button--primary" disabled={anyPending} onClick={() => void act('Rollout started', () => actions.start.run({ rolloutId: rollout.id }))} data-testid="rollout-start">
              Start
            </button>
          ) : null}
          {can('halt') ? (
            <button type="button" className="button" disabled={anyPending} title="No new host starts; hosts already installing finish" onClick={() => void act('Halted: no new host starts', () => actions.halt.run({ rolloutId: rollout.id }))} data-testid="rollout-halt">
              Halt
            </button>
          ) : null}
          {can('resume') && !gateRing && !waitsForManualStep && !waitsForWindow ? (
            <button type="button" className="button button--primary" disabled={anyPending || finishing} title={finishing ? 'The hosts already started are finishing; resume once they are done' : undefined} onClick={() => void act('Resumed', () => actions.resume.run({ rolloutId: rollout.id }))} data-testid="rollout-resume">
              Resume
            </button>
          ) : null}
          {can('rollback') && rollbackable.length > 0 ? (
            <button type="button" className="button" disabled={anyPending || finishing} onClick={() => setConfirm({ kind: 'rollback', label: 'the whole rollout', assetIds: [] })} data-testid="rollout-rollback-all">
              Roll back…
            </button>
          ) : null}
          {can('cancel') ? (
            <button type="button" className="button" disabled={anyPending} onClick={() => setConfirm({ kind: 'cancel' })} data-testid="rollout-cancel">
              Cancel rollout…
            </button>
          ) : null}
        </div>
      </header>

      <div className="screen__body screen__body--scroll deploy-body">
        <dl className="deploy-facts" data-testid="rollout-facts">
          <div>
            <dt>Failure budget</dt>
            <dd data-testid="rollout-budget">
              {rollout.budget.failures} used of {rollout.budget.allowed} · {Math.max(0, rollout.budget.allowed - rollout.budget.failures)} left{' '}
              <span className="muted">({rollout.budget.described})</span>
              {rollout.budget.exhausted ? (
                <>
                  {' '}
                  <Badge tone="danger">Spent</Badge>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Hosts</dt>
            <dd data-testid="rollout-counts">
              {rollout.counts.success} succeeded · {rollout.counts.failure} failed · {rollout.counts.notAttempted} not attempted · {rollout.counts.open} open
            </dd>
          </div>
          <div>
            <dt>Planned</dt>
            <dd>
              {rollout.createdBy}, <SiteTime at={rollout.createdAt} />
            </dd>
          </div>
          <div>
            <dt>Approved</dt>
            <dd data-testid="rollout-approved">
              {rollout.approvedBy ? (
                <>
                  {rollout.approvedBy}, <SiteTime at={rollout.approvedAt} />
                </>
              ) : (
                <span className="muted">not yet</span>
              )}
            </dd>
          </div>
          {rollout.startedAt ? (
            <div>
              <dt>Ran</dt>
              <dd>
                <SiteTime at={rollout.startedAt} /> → {rollout.finishedAt ? <SiteTime at={rollout.finishedAt} /> : <span className="muted">{rollout.state === 'running' ? 'running' : `not finished (${ROLLOUT_STATE_LABELS[rollout.state].toLowerCase()})`}</span>}
              </dd>
            </div>
          ) : null}
        </dl>

        {finishing ? (
          <InlineAlert tone="info" testId="rollout-finishing">
            {rollout.stateReason ? sentenceCase(rollout.stateReason) : ROLLOUT_STATE_LABELS[rollout.state]}: no new host starts. {finishingText(rollout.hosts.filter((host) => host.state === 'running').length)}
          </InlineAlert>
        ) : waitsForWindow ? (
          <div className="deploy-gate deploy-gate--calm" data-testid="rollout-window-wait" data-resume-at={rollout.resumeAt}>
            <Icon name="info" />
            <span>
              {waitingRing ? (
                <>
                  Ring <strong>{waitingRing.name}</strong> is waiting for its maintenance window
                </>
              ) : (
                'Waiting for the maintenance window'
              )}
              : the next one that fits opens at{' '}
              <strong data-testid="rollout-window-opens">
                <SiteTime at={rollout.resumeAt} /> {site.timezone}
              </strong>
              . It resumes by itself then while Patchdesk is running; no host starts when it cannot finish before the window closes. Halt it to keep it from starting then.
            </span>
          </div>
        ) : rollout.stateReason && !gateRing && refused.length === 0 ? (
          <InlineAlert tone={rollout.state === 'interrupted' || rollout.budget.exhausted ? 'danger' : 'info'} testId="rollout-reason">
            <div className="sentence">{rollout.stateReason}</div>
          </InlineAlert>
        ) : null}
        {refused.length > 0 ? (
          <InlineAlert title={`The preview refused ${plural(refused.length, 'host')}`} testId="rollout-refused">
            {refused.map((host) => `${host.hostname}: ${host.previewProblem}`).join(' · ')}. Change the plan (or the host) and preview again; a refused plan cannot be approved.
          </InlineAlert>
        ) : null}
        {gateRing ? (
          <div className="deploy-gate" data-testid="rollout-gate">
            <Icon name="alert" />
            <span>
              Ring <strong>{gateRing.name}</strong> is done; the next ring waits for your approval.{otherWaits.length > 0 ? ` Still waiting for: ${otherWaits.join('; ')}.` : ''}
            </span>
            <button type="button" className="button button--primary" disabled={anyPending} onClick={() => void act(`Gate after ${gateRing.name} approved; the next ring starts`, () => approveGate(gateRing.id))} data-testid="rollout-approve-gate">
              Approve the next ring
            </button>
          </div>
        ) : null}

        {live ? (
          <div className="ring-columns" data-testid="ring-columns">
            {columns.map(({ ring, hosts, done }) => {
              const ringRollback = hosts.filter((host) => rollbackable.includes(host));
              return (
                <section key={ring.id} className="ring-column" data-testid={`ring-column-${ring.name}`}>
                  <header className="ring-column__head">
                    <strong>{ring.name}</strong>
                    <span className="muted small">
                      {done}/{hosts.length} done · {ring.concurrency} at a time
                    </span>
                  </header>
                  <p className="ring-column__gate small muted">
                    {ring.gateApprovedBy ? (
                      <>
                        Gate approved by {ring.gateApprovedBy}, <SiteTime at={ring.gateApprovedAt} />
                      </>
                    ) : ring.gateWaits.length > 0 ? (
                      `Gate waits for: ${ring.gateWaits.join('; ')}`
                    ) : (
                      `Gate: ${[ring.gate.manualApproval ? 'manual approval' : null, ring.gate.allVerified ? 'every host verified' : null, ring.gate.healthPassed ? 'health checks' : null, ring.gate.soakMinutes > 0 ? `soak ${ring.gate.soakMinutes} min` : null].filter(Boolean).join(', ') || 'none'}`
                    )}
                  </p>
                  <div className="ring-column__cards">
                    {hosts.map((host) => (
                      <HostCard
                        key={host.id}
                        host={host}
                        nowMs={nowMs}
                        interrupted={rollout.state === 'interrupted'}
                        onRollback={can('rollback') && !finishing && rollbackable.includes(host) ? () => setConfirm({ kind: 'rollback', label: host.hostname, assetIds: [host.assetId] }) : null}
                        onManualDone={host.manual && host.state === 'pending' && MANUAL_TICK_STATES.has(rollout.state) ? () => setConfirm({ kind: 'manual', host }) : null}
                      />
                    ))}
                  </div>
                  {can('rollback') && ringRollback.length > 1 ? (
                    <button type="button" className="link-button small" onClick={() => setConfirm({ kind: 'rollback', label: `ring ${ring.name}`, assetIds: ringRollback.map((host) => host.assetId) })} data-testid={`rollback-ring-${ring.name}`}>
                      Roll back this ring…
                    </button>
                  ) : null}
                </section>
              );
            })}
          </div>
        ) : null}

        <section className="card" data-testid="rollout-preview-card">
          <h2 className="card__title">
            Preview {rollout.previewedAt ? <span className="muted small">· <SiteTime at={rollout.previewedAt} /></span> : null}
          </h2>
          <RolloutPreviewTable rollout={rollout} />
        </section>
      </div>

      {confirm?.kind === 'cancel' ? (
        <Dialog
          title="Cancel this rollout?"
          description="No new host starts. Package transactions already running finish: nothing is killed mid-dpkg."
          onClose={() => setConfirm(null)}
          size="small"
          testId="rollout-cancel-dialog"
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                Keep it
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={actions.cancel.pending}
                onClick={() => void act('Rollout cancelled', () => actions.cancel.run({ rolloutId: rollout.id })).then(() => setConfirm(null))}
                data-testid="rollout-cancel-confirm"
              >
                Cancel the rollout
              </button>
            </>
          }
        >
          <p>Hosts that already installed keep the new versions; roll them back afterwards if you need to. The cancellation is recorded in the audit log.</p>
        </Dialog>
      ) : null}
      {confirm?.kind === 'manual' ? <ManualStepDialog rollout={rollout} host={confirm.host} onClose={() => setConfirm(null)} /> : null}
      {confirm?.kind === 'rollback' ? (
        <Dialog
          title={`Roll back ${confirm.label}?`}
          description="Reinstalls the versions recorded before the rollout (on Windows: uninstalls the KBs, where Windows allows it), then collects again and records the outcome."
          onClose={() => setConfirm(null)}
          size="small"
          testId="rollout-rollback-dialog"
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                Keep the new versions
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={actions.rollback.pending}
                onClick={() => void act(`Rolling back ${confirm.label}`, () => actions.rollback.run({ rolloutId: rollout.id, assetIds: confirm.assetIds })).then(() => setConfirm(null))}
                data-testid="rollout-rollback-confirm"
              >
                Roll back
              </button>
            </>
          }
        >
          <p>
            {confirm.assetIds.length === 0 ? `Every host that changed (${plural(rollbackable.length, 'host')})` : plural(confirm.assetIds.length, 'host')} will be rolled back where the old versions are still available; a host whose old version is gone is reported, not guessed.
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}

/** Ticks a network device's manual step with its evidence: what was done, and optionally the file that shows it and its SHA-256. */
function ManualStepDialog({ rollout, host, onClose }: { rollout: RolloutDetail; host: RolloutHost; onClose: () => void }) {
  const actions = useRolloutActions();
  const notify = useToast();
  const [note, setNote] = useState('');
  const [fileRef, setFileRef] = useState('');
  const [sha256, setSha256] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await actions.manualDone.run({ rolloutId: rollout.id, assetId: host.assetId, note, fileRef: fileRef.trim() || null, sha256: sha256.trim() || null });
      notify({ tone: 'success', text: `Manual step of ${host.hostname} recorded` });
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Dialog
      title={`Manual step done on ${host.hostname}?`}
      description={`Patchdesk does not install on network devices. Record that ${host.manual?.target ?? 'the target firmware'} was installed by hand; the note, file and hash go to the audit log and the evidence pack.`}
      onClose={onClose}
      size="small"
      testId="manual-step-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Not yet
          </button>
          <button type="button" className="button button--primary" disabled={actions.manualDone.pending || note.trim() === ''} onClick={() => void submit()} data-testid="manual-step-confirm">
            Record as done
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="What was done" hint="The firmware installed, the change ticket, who did it." className="form-grid__full">
          {(control) => <textarea {...control} className="input" rows={3} value={note} onChange={(event) => setNote(event.target.value)} data-testid="manual-step-note" />}
        </Field>
        <Field label="Evidence file (optional)" hint="Where the proof is kept: a file name, a path or a ticket attachment.">
          {(control) => <input {...control} className="input" value={fileRef} onChange={(event) => setFileRef(event.target.value)} data-testid="manual-step-file" />}
        </Field>
        <Field label="Its SHA-256 (optional)">
          {(control) => <input {...control} className="input input--mono" value={sha256} onChange={(event) => setSha256(event.target.value)} data-testid="manual-step-sha256" />}
        </Field>
      </div>
      {error ? <InlineAlert title="Not recorded">{error}</InlineAlert> : null}
    </Dialog>
  );
}
