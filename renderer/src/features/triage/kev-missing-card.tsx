import { Badge } from '../../components/badge';
import { formatCount } from '../../lib/format';
import { kevHeadline } from './kev-headline';
import { useSiteVulnerabilities } from './use-triage';

const SHOWN = 8;

/**
 * The overview's headline on exploitation: known-exploited CVEs (CISA KEV) still missing on the
 * site's assets, each opening its triage. Without a KEV feed it says "not measured", never 0.
 */
export function KevMissingCard({ siteId, onTriage }: { siteId: number; onTriage: (cve: string) => void }) {
  const query = useSiteVulnerabilities(siteId);
  const data = query.data;
  if (!data) return null;
  return (
    <section className="overview-card kev-headline" aria-labelledby="kev-missing-title" data-testid="kev-missing">
      <header className="overview-card__head">
        <h2 className="overview-card__title" id="kev-missing-title">
          Known exploited, still missing
        </h2>
        <span className="overview-card__subtitle" data-testid="kev-missing-summary">
          {kevHeadline(data)}
        </span>
      </header>
      {data.kevMissing.length === 0 ? null : (
        <div className="table-scroll">
          <table className="simple-table overview-table" data-testid="kev-missing-table">
            <thead>
              <tr>
                <th scope="col">CVE</th>
                <th scope="col">Vulnerability</th>
                <th scope="col">CISA due</th>
                <th scope="col" className="num">
                  Assets
                </th>
              </tr>
            </thead>
            <tbody>
              {data.kevMissing.slice(0, SHOWN).map((item) => (
                <tr key={item.cve} data-testid="kev-missing-row">
                  <th scope="row">
                    <button type="button" className="link-button mono" onClick={() => onTriage(item.cve)} title="Triage it">
                      {item.cve}
                    </button>{' '}
                    {item.knownRansomware ? <Badge tone="danger">ransomware</Badge> : null}
                  </th>
                  <td className="truncate" title={item.name}>
                    {item.name}
                  </td>
                  <td>{item.dueDate}</td>
                  <td className="num">
                    {formatCount(item.assetIds.length)}
                    {item.withoutFix.length ? <span className="text-danger small"> ({formatCount(item.withoutFix.length)} no fix offered)</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.kevMissing.length > SHOWN ? <p className="muted small">and {formatCount(data.kevMissing.length - SHOWN)} more</p> : null}
        </div>
      )}
    </section>
  );
}
