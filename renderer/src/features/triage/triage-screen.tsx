import { fixingAssetIds } from '../deploy/deploy-plan-model';
import { TRIAGE_STATE_LABELS, type TriageAsset, type TriageCve, type TriageResult } from '../../../../shared/contract';
import type { Tier } from '../../../../shared/domain/risk-tier';
import { formatPercentile } from '../../../../shared/domain/intel/priority';
import { kevOutcomeHeadline, kevOutcomeText } from '../../../../shared/domain/sla/kev-outcome';
import { errorMessage } from '../../api/api-client-error';
import { Badge, type BadgeTone } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { useSiteTimeZone } from '../../components/site-time';
import { TierBadge } from '../../components/tier-badge';
import { useToast } from '../../components/toast';
import { formatDate, plural } from '../../lib/format';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { KevBadge } from './kev-badge';
import { useOpenEmergencyCycle, useTriage } from './use-triage';

const STATE_TONES: Record<TriageAsset['state'], BadgeTone> = { fix_pending: 'warning', fix_not_offered: 'danger', no_fix: 'danger', fixed: 'success' };

/** What the feeds say about one CVE, in one dense line. */
function CveFacts({ cve }: { cve: TriageCve }) {
  return (
    <div className="triage-cve" data-testid="triage-cve" data-cve={cve.cve}>
      <span className="mono cell-strong">{cve.cve}</span>
      {cve.kev ? <KevBadge kev={cve.kev} /> : <span className="muted small">not in KEV</span>}
      {cve.kev ? <span className="small">CISA due {cve.kev.dueDate}{cve.kev.name ? ` · ${cve.kev.name}` : ''}</span> : null}
      {cve.epss ? (
        <span className="small" title={`FIRST EPSS${cve.epss.modelVersion ? ` model ${cve.epss.modelVersion}` : ''}${cve.epss.scoreDate ? `, scored ${cve.epss.scoreDate}` : ''}`} data-testid="triage-epss">
          EPSS {cve.epss.score.toFixed(3)}
          {cve.epss.percentile === null ? '' : ` (percentile ${formatPercentile(cve.epss.percentile)})`}
        </span>
      ) : (
        <span className="muted small">no EPSS score</span>
      )}
      {cve.cvss ? (
        <span className="small" title={`CVSS ${cve.cvss.version ?? ''} by ${cve.cvss.source}`}>
          CVSS {cve.cvss.baseScore.toFixed(1)} {cve.cvss.severity.toLowerCase()}
        </span>
      ) : (
        <span className="muted small">no CVSS score</span>
      )}
    </div>
  );
}

/** The package cell: which package, installed and fixed versions, and the pending update. */
function PackageCell({ row }: { row: TriageAsset }) {
  const timeZone = useSiteTimeZone();
  const first = row.packages[0];
  if (!first) return <td className="muted">—</td>;
  const names = [...new Set(row.packages.map((item) => item.package))];
  return (
    <td title={row.packages.map((item) => `${item.package}${item.sourcePackage && item.sourcePackage !== item.package ? ` (source ${item.sourcePackage})` : ''} ${item.installedVersion ?? '?'} → fixed in ${item.fixedVersion ?? 'no fix yet'} [${item.source}]`).join('\n')}>
      <span className="cell-strong">{names.slice(0, 2).join(', ')}</span>
      {names.length > 2 ? <span className="muted"> +{names.length - 2}</span> : null}
      <div className="mono small">
        {first.installedVersion ?? '—'}
        <span className="muted"> → </span>
        {first.update ? first.update.availableVersion : (first.fixedVersion ?? <span className="muted">no fix yet</span>)}
      </div>
      {first.update ? <div className="muted small">missing since {formatDate(first.update.missingSince, timeZone)}</div> : null}
    </td>
  );
}

function AffectedTable({ rows }: { rows: readonly TriageAsset[] }) {
  return (
    <div className="table-scroll">
      <table className="simple-table triage-table" data-testid="triage-affected">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Tier</th>
            <th scope="col">State</th>
            <th scope="col">Package · installed → fix</th>
            <th scope="col" title="The SLA deadline of the pending fix, with the policy's KEV rules applied">
              Due
            </th>
            <th scope="col">Exception · compensating controls</th>
            <th scope="col">Why this is first</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.assetId} data-testid="triage-row" data-asset={row.hostname || row.address} data-state={row.state}>
              <td>
                <span className="cell-strong">{row.hostname || row.address}</span>
                {row.internetFacing ? <div className="small text-warning">internet-facing</div> : null}
                {row.measured ? null : <div className="small text-warning">not measured now: as of the last collection</div>}
              </td>
              <td>
                <TierBadge tier={row.tier as Tier | null} compact />
              </td>
              <td>
                <Badge tone={STATE_TONES[row.state]}>{TRIAGE_STATE_LABELS[row.state]}</Badge>
              </td>
              <PackageCell row={row} />
              <td>
                {row.sla ? (
                  <span className={row.sla.state === 'overdue' ? 'text-danger cell-strong' : undefined} title={row.sla.deadlineRule === 'policy' ? 'Tier and severity SLA' : row.sla.deadlineRule === 'kev_cisa_due' ? "KEV rule: CISA's due date" : 'KEV rule: days from the KEV listing'}>
                    {row.sla.dueDate}
                    <span data-testid="triage-outcome"> · {kevOutcomeHeadline(row.slaOutcome)}</span>
                    {row.sla.deadlineRule === 'policy' ? null : <span className="muted small"> (KEV rule)</span>}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {row.exception ? (
                  <span title={`Exception ${row.exception.id}: ${row.exception.reason}. Owner ${row.exception.owner}, expires ${row.exception.expiresAt.slice(0, 10)}`} data-testid="triage-exception">
                    <Badge tone="info">Exception #{row.exception.id}</Badge> {row.exception.compensatingControls || row.exception.reason}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="triage-why" title={row.priority.reasons.map((reason) => reason.text).join('\n')}>
                {row.priority.reasons[0]?.text ?? '—'}
                {row.priority.reasons.length > 1 ? <span className="muted small"> +{row.priority.reasons.length - 1} more</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Triage of one CVE, KB or advisory: affected assets and how, fixed ones and when, and what is unknown. */
export function TriageScreen({ id }: { id: string }) {
  const site = useRequiredSite();
  const timeZone = useSiteTimeZone();
  const { navigate } = useRoute();
  const notify = useToast();
  const triage = useTriage(site.id, id);
  const open = useOpenEmergencyCycle();
  const result: TriageResult | undefined = triage.data;

  const openCycle = async () => {
    if (!result) return;
    try {
      const cycle = await open.run({ siteId: site.id, trigger: result.emergency.trigger, reason: result.emergency.reason, deadline: result.emergency.deadline, assetIds: result.emergency.assetIds, title: result.emergency.title });
      notify({ tone: 'success', text: `Emergency cycle opened for ${result.emergency.trigger}, ${plural(result.emergency.assetIds.length, 'asset')} in scope` });
      navigate({ screen: 'checklist', view: 'cycle', cycleId: cycle.id });
    } catch (error) {
      notify({ tone: 'danger', text: errorMessage(error) });
    }
  };

  const affected = result?.assets.filter((row) => row.state !== 'fixed') ?? [];
  const fixed = result?.assets.filter((row) => row.state === 'fixed') ?? [];
  return (
    <div className="screen" data-testid="triage-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Triage · {site.name}</p>
          <h1 className="screen__title mono">{result?.query.ref ?? id}</h1>
        </div>
        <div className="screen__actions">
          <button
            type="button"
            className="button"
            disabled={!result || fixingAssetIds(result.assets).length === 0}
            title={result ? `The pending updates that fix ${result.query.ref} on ${plural(fixingAssetIds(result.assets).length, 'host')} with a fix pending` : undefined}
            onClick={() => result && navigate({ screen: 'checklist', view: 'deploy-plan', cycleId: null, assetIds: fixingAssetIds(result.assets), fixes: result.query.ref })}
            data-testid="triage-plan-rollout"
          >
            Plan the rollout of the fixing updates…
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!result || result.emergency.assetIds.length === 0 || open.pending}
            title={result ? `Scope: ${plural(result.emergency.assetIds.length, 'affected asset')}; deadline ${result.emergency.deadline}` : undefined}
            onClick={() => void openCycle()}
            data-testid="triage-open-cycle"
          >
            Open emergency cycle
          </button>
        </div>
      </header>
      {triage.error ? (
        <InlineAlert title="Triage failed">{errorMessage(triage.error)}</InlineAlert>
      ) : !result ? (
        <p className="muted">Triaging…</p>
      ) : (
        <>
          <p className="triage-summary" data-testid="triage-summary">
            {result.summary}.
            {result.emergency.assetIds.length > 0 ? <span className="muted"> An emergency cycle would cover {plural(result.emergency.assetIds.length, 'asset')}, due {result.emergency.deadline}.</span> : null}
          </p>
          {result.cves.length === 0 ? (
            <InlineAlert tone="info">No imported feed names CVEs for {result.query.ref}; only the hosts' own updates naming it are counted.</InlineAlert>
          ) : (
            <section className="triage-cves">{result.cves.map((cve) => <CveFacts key={cve.cve} cve={cve} />)}</section>
          )}
          <section className="triage-section">
            <h2 className="section-title">Affected ({affected.length})</h2>
            {affected.length === 0 ? <EmptyState icon="check" title="No measured asset is affected">Assets listed under "Not known" below may still be.</EmptyState> : <AffectedTable rows={affected} />}
          </section>
          {fixed.length > 0 ? (
            <section className="triage-section">
              <h2 className="section-title">Fixed ({fixed.length})</h2>
              <table className="simple-table" data-testid="triage-fixed">
                <thead>
                  <tr>
                    <th scope="col">Asset</th>
                    <th scope="col">Package</th>
                    <th scope="col">Installed version</th>
                    <th scope="col">Missing since</th>
                    <th scope="col">Fix seen installed</th>
                    <th scope="col" title="Installed on or before its due date (the policy's KEV rules applied): met; after it: missed">
                      SLA outcome
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fixed.map((row) => (
                    <tr key={row.assetId}>
                      <td className="cell-strong">{row.hostname || row.address}</td>
                      <td>{[...new Set(row.packages.map((item) => item.package))].join(', ')}</td>
                      <td className="mono">{row.packages[0]?.installedVersion ?? '—'}</td>
                      <td>{row.missingSince ? formatDate(row.missingSince, timeZone) : <span className="muted">—</span>}</td>
                      <td>{row.fixedAt ? formatDate(row.fixedAt, timeZone) : <span className="muted">already installed when first measured</span>}</td>
                      <td className={row.slaOutcome.outcome === 'missed' ? 'text-danger cell-strong' : row.slaOutcome.outcome === 'not_measured' ? 'muted' : undefined} data-testid="triage-fixed-outcome">
                        {kevOutcomeText(row.slaOutcome)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          {result.unknown.length > 0 ? (
            <section className="triage-section">
              <h2 className="section-title">Not known ({result.unknown.length})</h2>
              <p className="muted small">Not measured, or no vulnerability data for their family: never counted as unaffected.</p>
              <table className="simple-table" data-testid="triage-unknown">
                <tbody>
                  {result.unknown.map((row) => (
                    <tr key={row.assetId} data-testid="triage-unknown-row" data-reason={row.reason}>
                      <td className="cell-strong">{row.hostname || row.address}</td>
                      <td className="text-warning">{row.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          <p className="muted small" data-testid="triage-feeds">
            {result.feeds.length === 0
              ? 'No imported feed has data on this id.'
              : `Feeds: ${result.feeds.map((feed) => `${feed.kind} ${feed.fileName}${feed.feedVersion ? ` v${feed.feedVersion}` : ''} (sha256 ${feed.sha256.slice(0, 12)}…)`).join(' · ')}`}
          </p>
        </>
      )}
    </div>
  );
}
