import type { ImportReport } from '../../../../shared/contract';
import { InlineAlert } from '../../components/inline-alert';
import { formatCount, plural } from '../../lib/format';

/** What an import did: created / updated / unchanged, and every skipped row with its line and reason. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" data-testid="import-report">
      <div className="stat-tiles">
        <div className="stat-tile" data-testid="import-created">
          <span className="stat-tile__value">{formatCount(report.created)}</span>
          <span className="stat-tile__label">created</span>
        </div>
        <div className="stat-tile" data-testid="import-updated">
          <span className="stat-tile__value">{formatCount(report.updated)}</span>
          <span className="stat-tile__label">updated</span>
        </div>
        <div className="stat-tile" data-testid="import-unchanged">
          <span className="stat-tile__value">{formatCount(report.unchanged)}</span>
          <span className="stat-tile__label">unchanged</span>
        </div>
        <div className={`stat-tile${report.errors.length ? ' stat-tile--danger' : ''}`} data-testid="import-skipped">
          <span className="stat-tile__value">{formatCount(report.errors.length)}</span>
          <span className="stat-tile__label">skipped</span>
        </div>
      </div>
      {report.warnings.length > 0 ? (
        <InlineAlert tone="warning" title="Check these">
          <ul className="import-warnings" data-testid="import-warnings">
            {report.warnings.map((warning) => (
              <li key={warning} data-testid="import-warning">
                {warning}
              </li>
            ))}
          </ul>
        </InlineAlert>
      ) : null}
      {report.errors.length === 0 ? (
        <InlineAlert tone="success" title="Every row was imported" />
      ) : (
        <>
          <p>
            {plural(report.errors.length, 'row was', 'rows were')} skipped whole; fix {report.errors.length === 1 ? 'it' : 'them'} in the file and import again (imported rows will show as unchanged).
          </p>
          <div className="table-scroll">
            <table className="simple-table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((error, index) => (
                  <tr key={`${error.line}-${index}`} data-testid="import-error" data-line={error.line}>
                    <td className="mono">{error.line}</td>
                    <td>{error.message.replace(/^line \d+:\s*/, '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
