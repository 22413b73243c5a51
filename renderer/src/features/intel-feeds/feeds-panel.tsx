import { useRef, useState, type ChangeEvent } from 'react';
import { looksLikeSignedBundle, MAX_INTEL_UPLOAD_BYTES } from '../../../../shared/contract/intel';
import { errorMessage } from '../../api/api-client-error';
import { InlineAlert } from '../../components/inline-alert';
import { plural } from '../../lib/format';
import { bytesToBase64 } from '../evidence/base64';
import { feedAgeLimits } from '../../../../shared/domain/intel/feed-age';
import { useRequiredSite } from '../sites/current-site-context';
import { usePolicy } from '../tiers/use-tiers';
import { feedRows } from './feeds-model';
import { useImportBundle, useImportFeed, useIntelStatus } from './use-intel-feeds';

/**
 * The vulnerability feeds this installation holds: each feed's kind, version or date, records,
 * age (flagged when older than the site policy's limit) and provenance, and importing a feed file or a signed bundle. Shown in
 * Site settings (the feeds serve every site of the installation).
 */
export function FeedsPanel() {
  const status = useIntelStatus();
  const policy = usePolicy(useRequiredSite().id);
  const importFeed = useImportFeed();
  const importBundle = useImportBundle();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const pending = importFeed.pending || importBundle.pending;

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_INTEL_UPLOAD_BYTES) {
      setOutcome({ tone: 'danger', text: `${file.name} is larger than 200 MB: import it with "patchdesk intel import ${file.name}".` });
      return;
    }
    setOutcome(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const request = { fileName: file.name, base64: bytesToBase64(bytes) };
    try {
      if (looksLikeSignedBundle(bytes)) {
        const result = await importBundle.run(request);
        setOutcome({ tone: 'success', text: `${file.name}: signature verified (${result.signer.fingerprint}); ${plural(result.imported.filter((each) => each.outcome === 'imported').length, 'feed')} imported, ${plural(result.skipped.length, 'feed')} kept out as older than what is here.` });
      } else {
        const result = await importFeed.run(request);
        setOutcome({ tone: 'success', text: result.outcome === 'unchanged' ? `${file.name} is already imported: nothing changed.` : `${file.name} imported: ${plural(result.feed.recordCount, 'record')}.` });
      }
    } catch (error) {
      setOutcome({ tone: 'danger', text: errorMessage(error) });
    }
  };

  const rows = feedRows(status.data ?? [], feedAgeLimits(policy.data?.feedAgeLimitDays));
  return (
    <section className="card intel-feeds" aria-labelledby="intel-feeds-title" data-testid="intel-feeds">
      <div className="evidence-card-head">
        <h2 className="evidence-card-title" id="intel-feeds-title">
          Vulnerability feeds
        </h2>
        <button type="button" className="button button--small" disabled={pending} onClick={() => input.current?.click()} data-testid="intel-feeds-import">
          {pending ? 'Importing…' : 'Import a feed or bundle…'}
        </button>
        <input ref={input} type="file" hidden onChange={(event) => void chosen(event)} accept=".json,.csv,.gz,.zip" data-testid="intel-feeds-file" />
      </div>
      {outcome ? (
        <InlineAlert tone={outcome.tone} testId="intel-feeds-outcome">
          {outcome.text}
        </InlineAlert>
      ) : null}
      {status.error ? <InlineAlert title="The feeds could not be loaded">{errorMessage(status.error)}</InlineAlert> : null}
      {status.data && rows.length === 0 ? <p className="muted">No feeds yet: import CISA KEV, EPSS, the Debian security tracker or OSV files here, or run “patchdesk intel fetch” where the machine is online.</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="simple-table">
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">Version or date</th>
                <th scope="col">Records</th>
                <th scope="col">Age</th>
                <th scope="col">Provenance</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="intel-feed-row">
                  <td>
                    {row.kind}
                    <div className="muted small">{row.scope}</div>
                  </td>
                  <td>{row.version}</td>
                  <td>{row.records}</td>
                  <td>
                    {row.age}
                    {row.flag ? <div className="small" data-testid="intel-feed-flag">⚠ {row.flag}</div> : null}
                  </td>
                  <td className="small">
                    {row.provenance}
                    <div className="mono muted" title="SHA-256 of the file as imported">
                      SHA-256 {row.sha256}
                    </div>
                    {row.warnings.map((warning) => (
                      <div key={warning} className="muted">
                        Note: {warning}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
