import type { AssetVulnerabilities } from '../../../../shared/contract';
import { CVE_LINK_KIND_LABELS } from '../../../../shared/domain/intel/package-mapping';
import { errorMessage } from '../../api/api-client-error';
import { Badge } from '../../components/badge';
import { InlineAlert } from '../../components/inline-alert';
import { KevBadge } from './kev-badge';

const KIND_ORDER = { fixes: 0, carries: 1, no_fix: 2 } as const;

/** One asset's CVEs: fixed by a pending update, fix not offered, or no fix yet; and how they were found, or why not. */
export function AssetCvesPanel({ data, error }: { data: AssetVulnerabilities | undefined; error: unknown }) {
  if (error && !data) return <InlineAlert title="The CVEs could not be loaded">{errorMessage(error)}</InlineAlert>;
  if (!data) return <div className="skeleton-block" aria-busy="true" aria-label="Loading CVEs" />;
  const { mapping, links } = data;
  const mapped = mapping.status === 'mapped' || mapping.status === 'package_manager_only';
  const rows = [...links].sort((a, b) => Number(b.kev) - Number(a.kev) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (b.epss ?? -1) - (a.epss ?? -1) || a.cve.localeCompare(b.cve));
  return (
    <div data-testid="asset-cves">
      <p className={mapped && !mapping.reason ? 'muted small' : 'text-warning small'} data-testid="asset-cves-mapping" data-status={mapping.status}>
        {mapping.status === 'not_collected'
          ? 'Not mapped: never collected successfully, its packages are unknown.'
          : mapping.status === 'no_data'
            ? `Not mapped: ${mapping.reason}.`
            : mapping.status === 'pending'
              ? `Not yet known: ${mapping.reason}.`
            : `${mapping.distribution ? `${mapping.distribution}, ` : ''}from ${mapping.sources || 'no source'}${mapping.reason ? ` (${mapping.reason})` : ''}. ${mapping.notOffered} with a fix not offered, ${mapping.noFix} with no fix yet.`}
      </p>
      {rows.length === 0 ? null : (
        <div className="table-scroll">
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">CVE</th>
                <th scope="col">State</th>
                <th scope="col">Package</th>
                <th scope="col">Installed → fixed in</th>
                <th scope="col" className="num">
                  EPSS
                </th>
                <th scope="col" className="num">
                  CVSS
                </th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((link) => (
                <tr key={`${link.cve}:${link.package}`} data-testid="asset-cve-row" data-kind={link.kind}>
                  <td>
                    <span className="mono">{link.cve}</span> {link.kev ? <KevBadge kev={{ dueDate: null, knownRansomware: null }} /> : null}
                  </td>
                  <td>
                    <Badge tone={link.kind === 'fixes' ? 'warning' : 'danger'}>{CVE_LINK_KIND_LABELS[link.kind]}</Badge>
                  </td>
                  <td title={link.sourcePackage && link.sourcePackage !== link.package ? `source package ${link.sourcePackage}` : undefined}>{link.package}</td>
                  <td className="mono small">
                    {link.installedVersion ?? '—'} → {link.fixedVersion ?? <span className="muted">no fix yet</span>}
                  </td>
                  <td className="num">{link.epss === null ? <span className="muted">—</span> : link.epss.toFixed(3)}</td>
                  <td className="num">{link.cvss === null ? <span className="muted">—</span> : link.cvss.toFixed(1)}</td>
                  <td className="muted small">{link.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
