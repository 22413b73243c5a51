import type { RescanSummary } from '../../../../shared/contract';
import { formatCount } from '../../lib/format';
import { formatInstantIn } from './checklist-dates';

/**
 * What the patch-status collections showed during the cycle: the verification rescan's basis.
 * `snapshot` is the figure recorded when the item was ticked; otherwise the figures are live.
 */
export function RescanFigures({ rescan, timeZone, snapshot = false, onCollect }: { rescan: RescanSummary; timeZone: string; snapshot?: boolean; onCollect?: () => void }) {
  const none = rescan.hostsCollected === 0;
  return (
    <div className={`rescan-figures${none && !snapshot ? ' rescan-figures--empty' : ''}`} data-testid="rescan-figures" data-hosts-collected={rescan.hostsCollected}>
      <span className="rescan-figures__title">{snapshot ? 'Collections when ticked' : 'Collections during this cycle'}</span>
      {none ? (
        <span className="rescan-figures__text">
          No host collected since {formatInstantIn(rescan.from, timeZone)}.
          {onCollect ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onCollect} data-testid="rescan-collect">
                Collect patch status
              </button>
            </>
          ) : null}
        </span>
      ) : (
        <dl className="rescan-figures__list">
          <div>
            <dt>Collected</dt>
            <dd data-testid="rescan-hosts-collected">{formatCount(rescan.hostsCollected)} hosts</dd>
          </div>
          <div>
            <dt>Due this cycle</dt>
            <dd data-testid="rescan-due-collected">
              {formatCount(rescan.dueHostsCollected)} of {formatCount(rescan.dueHosts)}
            </dd>
          </div>
          {rescan.hostsFailed > 0 ? (
            <div>
              <dt>Failed</dt>
              <dd className="text-danger">{formatCount(rescan.hostsFailed)} hosts</dd>
            </div>
          ) : null}
          <div>
            <dt>Last</dt>
            <dd>{formatInstantIn(rescan.lastCollectedAt, timeZone)}</dd>
          </div>
          <div>
            <dt>Runs</dt>
            <dd>{formatCount(rescan.runs.length)}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
