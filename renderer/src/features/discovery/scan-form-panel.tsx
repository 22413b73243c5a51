import { useMemo, useState } from 'react';
import type { Site } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { TargetSummary } from '../../components/target-summary';
import { splitTargets, summariseTargets } from '../../lib/target-list';
import { LargeScanDialog } from './large-scan-dialog';
import { DEFAULT_PORTS_TEXT, defaultScanForm, toScanRequest, validateScanForm, type ScanFormValues } from './scan-form-model';
import { useStartScan } from './use-scan-jobs';

/** Targets and options of a scan, checked live; asks before scans larger than a /16. */
export function ScanFormPanel({ site, running }: { site: Site; running: boolean }) {
  const [values, setValues] = useState<ScanFormValues>(() => defaultScanForm(site));
  const [submitted, setSubmitted] = useState(false);
  const [confirm, setConfirm] = useState<{ message: string } | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const start = useStartScan(site.id);
  const summary = useMemo(() => summariseTargets(splitTargets(values.targetsText)), [values.targetsText]);
  const liveErrors = validateScanForm(values);
  const errors = submitted ? liveErrors : { targets: values.targetsText ? liveErrors.targets : undefined };
  const set = <K extends keyof ScanFormValues>(key: K, value: ScanFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setStartError(null);
  };

  const send = async (confirmLarge: boolean) => {
    setStartError(null);
    try {
      await start.run(toScanRequest(site.id, values, confirmLarge));
      setSubmitted(false);
    } catch (error) {
      if (isApiClientError(error, 'needs_confirmation')) setConfirm({ message: error.message });
      else setStartError(errorMessage(error));
    }
  };

  const submit = () => {
    setSubmitted(true);
    if (Object.keys(liveErrors).length === 0) void send(false);
  };

  return (
    <form
      className="card scan-form"
      aria-labelledby="scan-form-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="scan-form"
    >
      <h2 id="scan-form-title" className="card__title">
        What to scan
      </h2>
      <Field label="Targets" error={errors.targets} hint="Prefilled from the site's networks. One per line: CIDR, range or address.">
        {(control) => (
          <>
            <textarea {...control} className="input input--mono" rows={3} value={values.targetsText} onChange={(event) => set('targetsText', event.target.value)} spellCheck={false} data-testid="scan-targets" />
            <TargetSummary summary={summary} testId="scan-targets-summary" />
          </>
        )}
      </Field>
      <Field
        label="TCP ports"
        error={errors.ports}
        hint={
          <>
            Lists and ranges, e.g. 22, 80, 8000-8010.{' '}
            {values.portsText !== DEFAULT_PORTS_TEXT ? (
              <button type="button" className="link-button" onClick={() => set('portsText', DEFAULT_PORTS_TEXT)}>
                Reset to the default profile
              </button>
            ) : (
              'Default profile: SSH, HTTP(S), Windows, RDP, WinRM.'
            )}
          </>
        }
      >
        {(control) => <input {...control} className="input input--mono" value={values.portsText} onChange={(event) => set('portsText', event.target.value)} data-testid="scan-ports" />}
      </Field>
      <div className="form-grid">
        <Field label="Timeout (ms)" error={errors.timeoutMs} hint="Per probe. Raise it for slow VPN links.">
          {(control) => <input {...control} className="input input--numeric" inputMode="numeric" value={values.timeoutMs} onChange={(event) => set('timeoutMs', event.target.value)} data-testid="scan-timeout" />}
        </Field>
        <Field label="Concurrency" error={errors.concurrency} hint="Probes in flight at once.">
          {(control) => <input {...control} className="input input--numeric" inputMode="numeric" value={values.concurrency} onChange={(event) => set('concurrency', event.target.value)} data-testid="scan-concurrency" />}
        </Field>
      </div>
      <Field label="SNMP community (optional)" error={errors.snmpCommunity} hint="Asks network devices and printers what they are. Used for this scan only, never stored.">
        {(control) => <input {...control} className="input" type="password" autoComplete="off" value={values.snmpCommunity} onChange={(event) => set('snmpCommunity', event.target.value)} data-testid="scan-snmp" />}
      </Field>
      <div className="checkbox-row">
        <label className="checkbox">
          <input type="checkbox" checked={values.reverseDns} onChange={(event) => set('reverseDns', event.target.checked)} />
          <span>Look up hostnames (reverse DNS)</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={values.grabBanners} onChange={(event) => set('grabBanners', event.target.checked)} />
          <span>Read service banners</span>
        </label>
      </div>
      {startError ? <InlineAlert title="The scan did not start">{startError}</InlineAlert> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={start.pending || running} data-testid="scan-start">
          <Icon name="scan" />
          {running ? 'Scan running…' : start.pending ? 'Starting…' : 'Start scan'}
        </button>
      </div>
      {confirm ? (
        <LargeScanDialog
          addressCount={summary.addressCount}
          message={confirm.message}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void send(true);
          }}
        />
      ) : null}
    </form>
  );
}
