import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { ProgressBar } from '../../components/progress-bar';
import { useToast } from '../../components/toast';
import { formatCount, formatDuration, plural } from '../../lib/format';
import { SCAN_STATUS_LABELS } from '../../lib/labels';
import { useRoute } from '../shell/use-route';
import { LiveHostsTable } from './live-hosts-table';
import { isRunning, type LiveScan } from './scan-state';
import { useCancelScan } from './use-scan-jobs';

/** Progress, cancel and the hosts of the current scan as they appear; the outcome once it ends. */
export function ScanLivePanel({ scan }: { scan: LiveScan | null }) {
  const cancel = useCancelScan();
  const notify = useToast();
  const { navigate } = useRoute();
  const [now, setNow] = useState(() => Date.now());
  const running = scan ? isRunning(scan) : false;
  useEffect(() => {
    if (!running) return;
    // Progress events can be seconds apart on a quiet network; the clock should not stall meanwhile.
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  if (!scan) {
    return (
      <section className="card scan-live" aria-label="Scan progress" data-testid="scan-live">
        <EmptyState icon="scan" title="Hosts appear here as they answer">
          Start a scan: each host that answers shows up at once, marked new or known. You can leave this page while it runs.
        </EmptyState>
      </section>
    );
  }

  const summary = scan.summary;
  const newHosts = summary?.newHosts ?? scan.hosts.filter((entry) => entry.merge === 'new').length;

  return (
    <section className="card scan-live" aria-label="Scan progress" data-testid="scan-live" data-state={running ? 'running' : (summary?.status ?? 'finished')}>
      <div className="scan-live__head">
        <h2 className="card__title">{running ? 'Scanning…' : `Scan ${SCAN_STATUS_LABELS[summary!.status].toLowerCase()}`}</h2>
        {running ? (
          <button
            type="button"
            className="button button--danger"
            disabled={cancel.pending}
            onClick={() => cancel.run({ jobId: scan.jobId }).catch((error: unknown) => notify({ tone: 'danger', text: errorMessage(error) }))}
            data-testid="scan-cancel"
          >
            {cancel.pending ? 'Cancelling…' : 'Cancel scan'}
          </button>
        ) : null}
      </div>
      <ProgressBar value={scan.probedAddresses} max={Math.max(1, scan.totalAddresses)} label="Addresses probed" testId="scan-progress" />
      <dl className="scan-stats">
        <div>
          <dt>Probed</dt>
          <dd data-testid="scan-probed">
            {formatCount(scan.probedAddresses)} / {formatCount(scan.totalAddresses)}
          </dd>
        </div>
        <div>
          <dt>Live hosts</dt>
          <dd data-testid="scan-live-hosts">{formatCount(scan.liveHosts)}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd data-testid="scan-new-hosts">{formatCount(newHosts)}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(summary?.finishedAt ? Date.parse(summary.finishedAt) - Date.parse(summary.startedAt) : Math.max(scan.elapsedMs, now - scan.firstSeenAt))}</dd>
        </div>
      </dl>
      {summary?.error ? <InlineAlert title="The scan stopped with an error">{summary.error}</InlineAlert> : null}
      {!running && newHosts > 0 ? (
        <InlineAlert tone="info" title={`${plural(newHosts, 'new host')} found`} testId="scan-outcome">
          <button type="button" className="link-button" onClick={() => navigate({ screen: 'inventory', view: 'unreviewed' })} data-testid="scan-review-new">
            Review them in Unreviewed
          </button>
          {summary && summary.staleMarked > 0 ? ` · ${plural(summary.staleMarked, 'host')} newly marked stale` : null}
        </InlineAlert>
      ) : null}
      {scan.hosts.length > 0 ? <LiveHostsTable hosts={scan.hosts} /> : running ? <p className="muted">Waiting for the first host to answer…</p> : <p className="muted">No host answered on the scanned ports.</p>}
    </section>
  );
}
