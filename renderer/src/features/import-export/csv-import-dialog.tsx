import { CSV_FIELDS, type CsvField } from '../../../../shared/contract';
import { Dialog } from '../../components/dialog';
import { InlineAlert } from '../../components/inline-alert';
import { plural } from '../../lib/format';
import { columnLabel, CSV_FIELD_LABELS, fieldsByColumn, mappingProblems, setFieldColumn } from './csv-mapping';
import { FilePicker } from './file-picker';
import { ImportReportView } from './import-report-view';
import { useCsvImport, type Delimiter } from './use-csv-import';

const DELIMITERS: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
];

const STEPS = ['Choose file', 'Map columns', 'Report'] as const;

/** Imports assets from a CSV: choose, check how it is read, map columns to fields, import, read the report. */
export function CsvImportDialog({ siteId, onClose }: { siteId: number; onClose: () => void }) {
  const flow = useCsvImport(siteId);
  const step = flow.report ? 2 : flow.preview ? 1 : 0;
  const problems = flow.preview ? mappingProblems(flow.mapping, flow.preview.columns, flow.preview.hasHeader) : null;

  const footer =
    step === 2 ? (
      <>
        <button type="button" className="button" onClick={flow.restart}>
          Import another file
        </button>
        <button type="button" className="button button--primary" onClick={onClose} data-testid="csv-done">
          Done
        </button>
      </>
    ) : step === 1 ? (
      <>
        <button type="button" className="button" onClick={flow.restart}>
          Choose another file
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={flow.committing || flow.busy || (problems?.blocking.length ?? 0) > 0}
          onClick={() => void flow.commit()}
          data-testid="csv-commit"
        >
          {flow.committing ? 'Importing…' : `Import ${plural(flow.preview?.rowCount ?? 0, 'row')}`}
        </button>
      </>
    ) : (
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
    );

  return (
    <Dialog title="Import assets from CSV" description="Spreadsheets from an RMM, a previous MSP or your own list." onClose={onClose} size="wide" testId="csv-import-dialog" footer={footer}>
      <ol className="stepper" aria-label="Import steps">
        {STEPS.map((label, index) => (
          <li key={label} className={index === step ? 'is-current' : index < step ? 'is-done' : ''} aria-current={index === step ? 'step' : undefined}>
            <span className="stepper__number">{index + 1}</span>
            {label}
          </li>
        ))}
      </ol>

      {flow.error ? <InlineAlert title="Import problem">{flow.error}</InlineAlert> : null}

      {step === 0 ? <FilePicker label="CSV file" accept=".csv,.tsv,.txt,text/csv" busy={flow.busy} onFile={(file) => void flow.chooseFile(file)} testId="csv-file" /> : null}

      {step === 1 && flow.preview ? (
        <div className="csv-map">
          <div className="csv-map__settings">
            <span className="muted">
              <strong>{flow.file?.name}</strong> · {plural(flow.preview.rowCount, 'data row')}
            </span>
            <label className="inline-field">
              <span>Delimiter</span>
              <select className="select" value={flow.preview.delimiter} disabled={flow.busy} onChange={(event) => flow.setDelimiter(event.target.value as Delimiter)} data-testid="csv-delimiter">
                {DELIMITERS.map((delimiter) => (
                  <option key={delimiter.label} value={delimiter.value}>
                    {delimiter.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={flow.preview.hasHeader} disabled={flow.busy} onChange={(event) => flow.setHasHeader(event.target.checked)} data-testid="csv-has-header" />
              <span>First row is a header</span>
            </label>
          </div>

          {flow.preview.problems.length > 0 ? (
            <InlineAlert tone="warning" title={`${plural(flow.preview.problems.length, 'problem')} found while reading the file`} testId="csv-problems">
              <ul className="plain-list">
                {flow.preview.problems.map((problem, index) => (
                  <li key={index}>
                    Line {problem.line}: {problem.message}
                  </li>
                ))}
              </ul>
            </InlineAlert>
          ) : null}

          <section aria-labelledby="csv-mapping-title">
            <h3 id="csv-mapping-title" className="section-title">
              Which column feeds which field
            </h3>
            <div className="mapping-grid" data-testid="csv-mapping">
              {CSV_FIELDS.map((field) => (
                <label key={field} className="mapping-grid__item">
                  <span>{CSV_FIELD_LABELS[field]}</span>
                  <select
                    className={`select${flow.mapping[field] !== undefined ? ' select--mapped' : ''}`}
                    value={flow.mapping[field] ?? ''}
                    onChange={(event) => flow.setMapping(setFieldColumn(flow.mapping, field, event.target.value === '' ? null : Number(event.target.value)))}
                    data-testid={`csv-map-${field}`}
                  >
                    <option value="">Not imported</option>
                    {flow.preview!.columns.map((_, index) => (
                      <option key={index} value={index}>
                        {columnLabel(flow.preview!.columns, index, flow.preview!.hasHeader)}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {problems?.blocking.map((message) => (
              <InlineAlert key={message} title="Mapping incomplete" testId="csv-mapping-blocking">
                {message}
              </InlineAlert>
            ))}
            {problems?.warnings.map((message) => (
              <InlineAlert key={message} tone="info">
                {message}
              </InlineAlert>
            ))}
          </section>

          <section aria-labelledby="csv-sample-title">
            <h3 id="csv-sample-title" className="section-title">
              Sample rows <span className="muted">(mapped columns highlighted)</span>
            </h3>
            <SampleTable columns={flow.preview.columns} rows={flow.preview.sampleRows} hasHeader={flow.preview.hasHeader} byColumn={fieldsByColumn(flow.mapping)} />
          </section>
        </div>
      ) : null}

      {step === 2 && flow.report ? <ImportReportView report={flow.report} /> : null}
    </Dialog>
  );
}

function SampleTable({ columns, rows, hasHeader, byColumn }: { columns: readonly string[]; rows: readonly (readonly string[])[]; hasHeader: boolean; byColumn: Map<number, CsvField[]> }) {
  return (
    <div className="table-scroll table-scroll--sample">
      <table className="simple-table sample-table" data-testid="csv-sample">
        <thead>
          <tr>
            {columns.map((_, index) => {
              const fields = byColumn.get(index);
              return (
                <th key={index} scope="col" className={fields ? 'is-mapped' : 'is-unmapped'}>
                  <span className="sample-table__column">{columnLabel(columns, index, hasHeader)}</span>
                  <span className="sample-table__field">{fields ? `→ ${fields.map((field) => CSV_FIELD_LABELS[field]).join(', ')}` : 'not imported'}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {columns.map((_, index) => (
                <td key={index} className={byColumn.has(index) ? 'is-mapped' : 'is-unmapped'}>
                  {row[index] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
