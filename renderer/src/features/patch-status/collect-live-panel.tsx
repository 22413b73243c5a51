import { errorMessage } from '../../api/api-client-error';
import { Badge, type BadgeTone } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { ProgressBar } from '../../components/progress-bar';
import { useToast } from '../../components/toast';
import { formatCount, formatDuration } from '../../lib/format';
import { collectionProgress, isCollecting, orderedHosts, type HostPhase, type LiveCollection } from './collect-run-state';
import { COLLECTION_ERROR_ADVICE, COLLECTION_ERROR_LABELS, RUN_STATUS_LABELS } from './patch-status-labels';
import { useCancelCollection } from './use-patch-status';

const PHASE_LABELS: Record<HostPhase, string> = { queued: 'Queued', connecting: 'Connecting…', collecting: 'Collecting…', done: 'Done', failed: 'Failed' };
const PHASE_TONES: Record<HostPhase, BadgeTone> = { queued: 'neutral', connecting: 'accent', collecting: 'accent', done: 'success', failed: 'danger' };

/** Rendering is capped: a few hundred rows stay readable, the overview holds every host anyway. */
const SHOWN = 400;

/** The current collection run: progress, cancel, and each host's phase with its counts or its failure in plain words. */
export function CollectLivePanel({ run, onOpenHost }: { run: LiveCollection | null; onOpenHost: (assetId: number) => void }) {
  const cancel = useCancelCollection();
  const notify = useToast();

  if (!run) {
    return (
      <section className="card collect-live" aria-label="Collection progress" data-testid="collect-live">
        <EmptyState icon="refresh" title="No collection in this window yet">
          Start one with Collect now: each host shows its phase as Patchdesk connects, reads its package state and records what is missing.
        </EmptyState>
      </section>
    );
  }

  const running = isCollecting(run);
  const progress = collectionProgress(run);
  const summary = run.summary;
  const hosts = orderedHosts(run);

  return (
    <section className="card collect-live" aria-label="Collection progress" data-testid="collect-live" data-state={running ? 'running' : (summary?.status ?? 'finished')}>
      <div className="scan-live__head">
        <h2 className="card__title">{running ? 'Collecting…' : `Collection ${RUN_STATUS_LABELS[summary!.status].toLowerCase()}`}</h2>
        {running ? (
          <button
            type="button"
            className="button button--danger"
            disabled={cancel.pending}
            onClick={() => cancel.run({ jobId: run.jobId }).catch((error: unknown) => notify({ tone: 'danger', text: errorMessage(error) }))}
            data-testid="collect-cancel"
          >
            {cancel.pending ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <ProgressBar value={progress.finished} max={Math.max(1, progress.total)} label="Hosts finished" testId="collect-progress" />
      <dl className="scan-stats">
        <div>
          <dt>Finished</dt>
          <dd data-testid="collect-finished">
            {formatCount(progress.finished)} / {formatCount(progress.total)}
          </dd>
        </div>
        <div>
          <dt>Collected</dt>
          <dd data-testid="collect-ok">{formatCount(progress.ok)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="collect-failed" className={progress.failed > 0 ? 'text-danger' : undefined}>
            {formatCount(progress.failed)}
          </dd>
        </div>
        <div>
          <dt>{running ? 'In progress' : 'Took'}</dt>
          <dd>{running ? formatCount(progress.active) : summary?.finishedAt ? formatDuration(Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) : '—'}</dd>
        </div>
      </dl>
      {!running && progress.failed > 0 ? (
        <InlineAlert tone="warning" title={`${formatCount(progress.failed)} host${progress.failed === 1 ? '' : 's'} could not be collected`}>
          Each failure below says why. Fix the cause and collect those hosts again, or import an offline collection file for hosts Patchdesk cannot reach.
        </InlineAlert>
      ) : null}
      {hosts.length === 0 ? (
        <p className="muted">{running ? 'Waiting for the first host…' : 'No host was collected.'}</p>
      ) : (
        <div className="table-scroll table-scroll--live">
          <table className="simple-table" data-testid="collect-hosts">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">Phase</th>
                <th scope="col" className="num">
                  Pending
                </th>
                <th scope="col" className="num">
                  Security
                </th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {hosts.slice(0, SHOWN).map((host) => (
                <tr key={host.assetId} data-testid="collect-host" data-asset-id={host.assetId} data-phase={host.phase}>
                  <td>
                    <button type="button" className="link-button cell-strong" onClick={() => onOpenHost(host.assetId)}>
                      {host.hostname}
                    </button>
                  </td>
                  <td>
                    <Badge tone={PHASE_TONES[host.phase]} testId="collect-host-phase">
                      {PHASE_LABELS[host.phase]}
                    </Badge>
                  </td>
                  <td className="num">{host.pendingCount ?? <span className="muted">—</span>}</td>
                  <td className={`num${(host.securityCount ?? 0) > 0 ? ' text-danger cell-strong' : ''}`}>{host.securityCount ?? <span className="muted">—</span>}</td>
                  <td className="collect-detail">
                    {host.phase === 'failed' ? (
                      <span title={host.errorCode && COLLECTION_ERROR_ADVICE[host.errorCode] ? COLLECTION_ERROR_ADVICE[host.errorCode] : undefined} data-testid="collect-host-error">
                        <span className="text-danger">{host.errorCode ? COLLECTION_ERROR_LABELS[host.errorCode] : 'Failed'}</span>
                        {host.message ? <span className="muted"> · {host.message}</span> : null}
                      </span>
                    ) : host.message ? (
                      <span className="muted">{host.message}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hosts.length > SHOWN ? <p className="muted table-note">Showing {SHOWN} of {formatCount(hosts.length)} hosts; the overview lists them all.</p> : null}
        </div>
      )}
    </section>
  );
}
