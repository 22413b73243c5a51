import type { EvidencePreview } from '../../../../shared/contract/evidence';
import { Icon } from '../../components/icon';
import type { Tier } from '../../../../shared/domain/risk-tier';
import { TierBadge } from '../../components/tier-badge';
import { formatCount, plural } from '../../lib/format';
import type { Route } from '../shell/route';
import { groupPackFiles, headlineTiles, warningFix } from './preview-model';

/** The preview of a pack: its headline numbers, what to fix first, and what the ZIP will hold. */
export function PreviewPanel({ preview, stale, onNavigate }: { preview: EvidencePreview; stale: boolean; onNavigate: (route: Route) => void }) {
  return (
    <div className={`evidence-preview${stale ? ' evidence-preview--stale' : ''}`} aria-busy={stale || undefined} data-testid="evidence-preview" data-from={preview.period.fromDate} data-to={preview.period.toDate}>
      <section className="card" aria-labelledby="evidence-headline-title">
        <div className="evidence-card-head">
          <h2 className="evidence-card-title" id="evidence-headline-title">
            {preview.siteName} · {preview.period.label}
          </h2>
          <span className="muted small">As the report’s summary page will state it</span>
        </div>
        <div className="evidence-tiles">
          {headlineTiles(preview.summary).map((tile) => (
            <div key={tile.key} className={`evidence-tile evidence-tile--${tile.tone}`} data-testid={`evidence-tile-${tile.key}`}>
              <span className="evidence-tile__label">{tile.label}</span>
              <span className="evidence-tile__value">{tile.value}</span>
              <span className="evidence-tile__hint">{tile.hint}</span>
            </div>
          ))}
        </div>
      </section>

      <CoverageGapsList preview={preview} />

      {preview.warnings.length > 0 ? <WarningsList warnings={preview.warnings} onNavigate={onNavigate} /> : null}

      <section className="card" aria-labelledby="evidence-inside-title">
        <div className="evidence-card-head">
          <h2 className="evidence-card-title" id="evidence-inside-title">
            What’s inside
          </h2>
          <span className="muted small">{formatCount(preview.files.length)} files in one ZIP</span>
        </div>
        <div className="evidence-inside">
          <div>
            <h3 className="section-title">report.pdf sections</h3>
            <ol className="evidence-sections">
              {preview.sections.map((section) => (
                <li key={section.title} className="evidence-sections__row">
                  <span>{section.title}</span>
                  <span className={`evidence-sections__count${section.rows === 0 ? ' muted' : ''}`}>{section.rows === 0 ? 'none' : `${formatCount(section.rows)} ${section.rows === 1 ? 'row' : 'rows'}`}</span>
                </li>
              ))}
            </ol>
          </div>
          <div data-testid="evidence-files">
            <h3 className="section-title">Files</h3>
            {groupPackFiles(preview.files).map((group) => (
              <div key={group.title} className="evidence-files__group">
                <span className="evidence-files__group-title">{group.title}</span>
                <ul className="evidence-files__list">
                  {group.files.map((file) => (
                    <li key={file} className="evidence-files__file mono" data-path={file}>
                      <Icon name="file" size={13} />
                      {file}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      </section>
    </div>
  );
}

/** The things worth fixing before handing the pack out, each with the screen that fixes it. */
function WarningsList({ warnings, onNavigate }: { warnings: readonly string[]; onNavigate: (route: Route) => void }) {
  return (
    <section className="card evidence-warnings" aria-labelledby="evidence-warnings-title" data-testid="evidence-warnings">
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="evidence-warnings-title">
          <Icon name="alert" />
          Worth fixing before you export
        </h2>
        <span className="muted small">The pack can be exported anyway; it will state these gaps.</span>
      </div>
      <ul className="evidence-warnings__list">
        {warnings.map((warning) => {
          const fix = warningFix(warning);
          return (
            <li key={warning} className="evidence-warnings__item" data-testid="evidence-warning">
              <span>{warning}</span>
              {fix ? (
                <button type="button" className="button button--small" onClick={() => onNavigate(fix.route)}>
                  {fix.label}
                  <Icon name="chevronRight" size={14} />
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The assets the pack will list as not measured: the same rows, words and order as the PDF's coverage gaps. */
function CoverageGapsList({ preview }: { preview: EvidencePreview }) {
  const { summary, coverageGaps } = preview;
  return (
    <section className="card" aria-labelledby="evidence-gaps-title" data-testid="evidence-coverage-gaps">
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="evidence-gaps-title">
          Coverage gaps
        </h2>
        <span className="muted small">
          {formatCount(summary.assetsMeasured)} of {plural(summary.assetsInScope, 'asset')} measured; the others are not counted as patched
        </span>
      </div>
      {coverageGaps.length === 0 ? (
        <p className="muted">Every asset in scope was measured at the end of the period.</p>
      ) : (
        <div className="table-scroll">
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Tier</th>
                <th scope="col">Why not measured</th>
              </tr>
            </thead>
            <tbody>
              {coverageGaps.map((gap) => (
                <tr key={gap.hostname} data-testid="evidence-gap-row" data-reason={gap.reason}>
                  <th scope="row">{gap.hostname}</th>
                  <td>
                    <TierBadge tier={gap.tier === null ? null : (gap.tier as Tier)} />
                  </td>
                  <td>{gap.reasonText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
