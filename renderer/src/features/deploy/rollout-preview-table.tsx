import type { RolloutDetail } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { useSiteTimeZone } from '../../components/site-time';
import { localiseInstants } from './rollout-view-model';

/**
 * The preview, per host: the exact packages and versions (pinned by the first ring), what the
 * package manager would change besides, reboot, window slot and whether rollback is possible, with
 * each refusal on its host's row.
 */
export function RolloutPreviewTable({ rollout }: { rollout: RolloutDetail }) {
  const ringName = new Map(rollout.rings.map((ring) => [ring.id, ring.name]));
  const ringOrder = new Map(rollout.rings.map((ring) => [ring.id, ring.position]));
  const hosts = [...rollout.hosts].sort((a, b) => (ringOrder.get(a.ringId) ?? 0) - (ringOrder.get(b.ringId) ?? 0) || a.hostname.localeCompare(b.hostname));
  const previewed = rollout.previewedAt !== null;
  const timeZone = useSiteTimeZone();
  return (
    <div className="table-scroll">
      <table className="simple-table deploy-preview" data-testid="rollout-preview">
        <thead>
          <tr>
            <th>Ring</th>
            <th>Host</th>
            <th>Packages (from → to, pinned)</th>
            <th>Also changes</th>
            <th>Reboot</th>
            <th>
              Window slot <span className="muted small">({timeZone})</span>
            </th>
            <th>Rollback</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => {
            const requested = host.packages.filter((pkg) => pkg.requested);
            const extra = host.packages.filter((pkg) => !pkg.requested);
            const noRollback = host.packages.filter((pkg) => pkg.rollbackAvailable === false);
            const unknownRollback = host.packages.some((pkg) => pkg.rollbackAvailable === null);
            return (
              <tr key={host.id} data-testid={`preview-host-${host.hostname}`} className={host.previewProblem ? 'deploy-preview__refused' : undefined}>
                <td>{ringName.get(host.ringId)}</td>
                <td className="cell-strong">{host.hostname}</td>
                <td>
                  {host.previewProblem ? (
                    <div className="deploy-refusal" role="note" data-testid="preview-refusal">
                      <Badge tone="danger">Refused</Badge> {host.previewProblem}
                    </div>
                  ) : null}
                  {requested.length === 0 && !host.previewProblem ? <span className="muted">{previewed ? 'Nothing to install' : 'Not previewed yet'}</span> : null}
                  <ul className="deploy-packages">
                    {requested.map((pkg) => (
                      <li key={pkg.name}>
                        {pkg.title ? (
                          // A Windows update: the KB, Windows Update's title, and the exact update (id@revision) every ring gets.
                          <span data-testid="preview-kb">
                            <code>{pkg.name}</code> {pkg.title} <span className="muted small">update <code>{pkg.toVersion}</code></span>
                          </span>
                        ) : (
                          <>
                            <code>{pkg.name}</code> <span className="muted">{pkg.fromVersion ?? 'not installed'}</span> → <code>{pkg.toVersion}</code>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {extra.length === 0 ? (
                    <span className="muted">{previewed ? 'Nothing else' : '—'}</span>
                  ) : (
                    <ul className="deploy-packages">
                      {extra.map((pkg) => (
                        <li key={pkg.name}>
                          <code>{pkg.name}</code> <span className="muted">{pkg.fromVersion ?? 'new'}</span> → {pkg.toVersion ? <code>{pkg.toVersion}</code> : <strong className="deploy-removed">removed</strong>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="deploy-preview__reboot">{host.rebootExpected === null ? <span className="muted" title="The preview could not tell whether the install will need a reboot">not known</span> : host.rebootExpected ? <Badge tone="warning">Expected</Badge> : 'No'}</td>
                <td className="small" data-testid="preview-slot">
                  {host.slot ? localiseInstants(host.slot, timeZone) : <span className="muted">—</span>}
                </td>
                <td className="small" data-testid="preview-rollback">
                  {host.packages.length === 0 ? (
                    <span className="muted">—</span>
                  ) : noRollback.length > 0 ? (
                    <span title={noRollback.map((pkg) => `${pkg.name}: ${pkg.rollbackSource}`).join('\n')}>
                      <Badge tone="warning">Not possible</Badge> {noRollback.map((pkg) => `${pkg.name}${pkg.fromVersion ? ` ${pkg.fromVersion}` : ''}: ${pkg.rollbackSource.replace(/^not possible: /, '') || 'old version not available'}`).join('; ')}
                    </span>
                  ) : unknownRollback ? (
                    <span className="muted">Not checked yet</span>
                  ) : (
                    <span title={host.packages.map((pkg) => `${pkg.name}: ${pkg.rollbackSource}`).join('\n')}>
                      Possible <span className="muted">({[...new Set(host.packages.map((pkg) => pkg.rollbackSource).filter(Boolean))].join(', ')})</span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
