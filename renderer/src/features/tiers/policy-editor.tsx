import { useState } from 'react';
import type { Site } from '../../../../shared/contract';
import { FEED_AGE_KIND_NAMES, FEED_AGE_KINDS } from '../../../../shared/domain/intel/feed-age';
import { DEFAULT_PATCH_POLICY, SEVERITIES, type PatchPolicy } from '../../../../shared/domain/patch-policy';
import { TIER_LABELS, TIERS } from '../../../../shared/domain/risk-tier';
import { KEV_RULE_SCOPES, type KevRuleScope } from '../../../../shared/domain/sla/kev-rule';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { formToPolicy, policyToForm, policyWarnings, validatePolicyForm, type KevRuleFormValues, type PolicyFormValues } from './policy-form-model';
import { usePolicy, useUpdatePolicy } from './use-tiers';

const SEVERITY_LABELS = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' } as const;
const KEV_ROW_LABELS: Record<KevRuleScope, string> = { internet_facing: 'Internet-facing assets', all: 'Every other asset' };

/** The site's patch policy: SLA days per tier and severity, exception length, stale detection and the freshness limit of a measurement. */
export function PolicyEditor({ site }: { site: Site }) {
  const policy = usePolicy(site.id);
  if (policy.error && !policy.data) return <InlineAlert title="The policy could not be loaded">{errorMessage(policy.error)}</InlineAlert>;
  if (!policy.data) return <div className="skeleton-block" aria-busy="true" aria-label="Loading policy" />;
  return <PolicyForm key={JSON.stringify(policy.data)} site={site} policy={policy.data} />;
}

function PolicyForm({ site, policy }: { site: Site; policy: PatchPolicy }) {
  const [values, setValues] = useState<PolicyFormValues>(() => policyToForm(policy));
  const [serverError, setServerError] = useState<string | null>(null);
  const update = useUpdatePolicy();
  const notify = useToast();
  const errors = validatePolicyForm(values);
  const warnings = policyWarnings(values);
  const dirty = JSON.stringify(formToPolicy(values)) !== JSON.stringify(policy);

  const setCell = (tier: string, severity: string, value: string) =>
    setValues((current) => ({ ...current, slaDays: { ...current.slaDays, [tier]: { ...current.slaDays[tier as '1'], [severity]: value } } }));

  const save = async () => {
    setServerError(null);
    if (Object.keys(errors).length > 0) return;
    try {
      await update.run({ siteId: site.id, policy: formToPolicy(values) });
      notify({ tone: 'success', text: 'Patch policy saved' });
    } catch (error) {
      setServerError(isApiClientError(error) && error.issues.length ? error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : errorMessage(error));
    }
  };

  return (
    <form
      className="card policy-editor"
      aria-labelledby="policy-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="policy-editor"
    >
      <h2 id="policy-title" className="card__title">
        Patch policy for {site.name}
      </h2>
      <p className="muted">How many days a missing update may stay open, by asset tier and update severity. The defaults follow common insurer and CIS guidance.</p>
      <table className="policy-table">
        <caption className="visually-hidden">SLA days by tier and severity</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            {SEVERITIES.map((severity) => (
              <th key={severity} scope="col">
                {SEVERITY_LABELS[severity]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => (
            <tr key={tier}>
              <th scope="row">{TIER_LABELS[tier]}</th>
              {SEVERITIES.map((severity) => {
                const key = `sla.${tier}.${severity}`;
                const message = errors[key] ?? warnings[key];
                return (
                  <td key={severity} className={errors[key] ? 'is-invalid' : warnings[key] ? 'is-warning' : ''}>
                    <div className="days-input">
                      <input
                        className="input input--numeric"
                        inputMode="numeric"
                        aria-label={`${TIER_LABELS[tier]}, ${SEVERITY_LABELS[severity]} severity, days`}
                        aria-invalid={errors[key] ? true : undefined}
                        title={message}
                        value={values.slaDays[`${tier}`][severity]}
                        onChange={(event) => setCell(String(tier), severity, event.target.value)}
                        data-testid={`policy-${tier}-${severity}`}
                      />
                      <span className="muted">d</span>
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <CellMessages errors={errors} warnings={warnings} />
      <div className="form-grid">
        <Field label="Longest exception (days)" error={errors.maxExceptionDays} hint="An exception must be renewed after this many days.">
          {(control) => <input {...control} className="input input--numeric" inputMode="numeric" value={values.maxExceptionDays} onChange={(event) => setValues({ ...values, maxExceptionDays: event.target.value })} data-testid="policy-max-exception" />}
        </Field>
        <Field label="Stale after missed scans" error={errors.staleAfterMissedScans} hint="A host missing from this many scans in a row is flagged stale.">
          {(control) => <input {...control} className="input input--numeric" inputMode="numeric" value={values.staleAfterMissedScans} onChange={(event) => setValues({ ...values, staleAfterMissedScans: event.target.value })} data-testid="policy-stale-after" />}
        </Field>
        <Field label="Measured for (days)" error={errors.freshnessDays} hint="A host counts as measured only if a collection succeeded within this many days; older ones are coverage gaps, not patched.">
          {(control) => <input {...control} className="input input--numeric" inputMode="numeric" value={values.freshnessDays} onChange={(event) => setValues({ ...values, freshnessDays: event.target.value })} data-testid="policy-freshness" />}
        </Field>
      </div>
      <fieldset className="policy-feed-age" data-testid="policy-feed-age">
        <legend>Flag vulnerability feeds older than (days)</legend>
        <div className="policy-feed-age__row">
          {FEED_AGE_KINDS.map((kind) => (
            <label key={kind} className={errors[`feedAge.${kind}`] ? 'is-invalid' : ''} title={errors[`feedAge.${kind}`]}>
              <span>{FEED_AGE_KIND_NAMES[kind]}</span>
              <input
                className="input input--numeric"
                inputMode="numeric"
                aria-invalid={errors[`feedAge.${kind}`] ? true : undefined}
                value={values.feedAgeLimitDays[kind]}
                onChange={(event) => setValues({ ...values, feedAgeLimitDays: { ...values.feedAgeLimitDays, [kind]: event.target.value } })}
                data-testid={`policy-feed-age-${kind}`}
              />
            </label>
          ))}
        </div>
        <p className="muted small">An older feed is flagged on the dashboard, in the Feeds panel, in “patchdesk intel status” and in the evidence pack: its figures may be incomplete.</p>
      </fieldset>
      <fieldset className="policy-clock" data-testid="policy-fix-age-basis">
        <legend>SLA clocks start</legend>
        <label>
          <input type="radio" name="fix-age-basis" checked={values.fixAgeBasis === 'publication'} onChange={() => setValues({ ...values, fixAgeBasis: 'publication' })} data-testid="policy-basis-publication" />{' '}
          When the vendor published the fix (recommended; first seen when the source gives no date)
        </label>
        <label>
          <input type="radio" name="fix-age-basis" checked={values.fixAgeBasis === 'first_seen'} onChange={() => setValues({ ...values, fixAgeBasis: 'first_seen' })} data-testid="policy-basis-first-seen" />{' '}
          When Patchdesk first saw the fix missing
        </label>
        <p className="muted">Counting from publication makes a newly onboarded, long-unpatched host show its overdue fixes at its first collection.</p>
      </fieldset>
      <KevRulesFieldset values={values.kevRules} errors={errors} onChange={(scope, row) => setValues({ ...values, kevRules: { ...values.kevRules, [scope]: row } })} />
      {serverError ? <InlineAlert title="The policy was not saved">{serverError}</InlineAlert> : null}
      <div className="form-actions">
        <button type="button" className="button button--ghost" onClick={() => setValues(policyToForm(DEFAULT_PATCH_POLICY))}>
          Use the defaults
        </button>
        <button type="button" className="button" disabled={!dirty} onClick={() => setValues(policyToForm(policy))}>
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty || update.pending || Object.keys(errors).length > 0} data-testid="policy-save">
          {update.pending ? 'Saving…' : 'Save policy'}
        </button>
      </div>
    </form>
  );
}

/**
 * The KEV rules: one row per scope, tried in this order (internet-facing first). A rule only ever
 * shortens a deadline; a row switched off leaves its assets to the next row, or to the table.
 */
function KevRulesFieldset({ values, errors, onChange }: { values: PolicyFormValues['kevRules']; errors: Record<string, string>; onChange: (scope: KevRuleScope, row: KevRuleFormValues) => void }) {
  return (
    <fieldset className="policy-kev" data-testid="policy-kev-rules">
      <legend>Known exploited vulnerabilities (CISA KEV)</legend>
      <p className="muted">A fix for a CVE in CISA's catalogue is due by the earlier of its tier/severity deadline and this rule. Days count from the later of its SLA clock start and the day CISA listed the CVE.</p>
      <table className="policy-table policy-kev__table">
        <caption className="visually-hidden">KEV rules</caption>
        <thead>
          <tr>
            <th scope="col">Applies to</th>
            <th scope="col">Rule on</th>
            <th scope="col">Within (days)</th>
            <th scope="col">CISA due date</th>
          </tr>
        </thead>
        <tbody>
          {KEV_RULE_SCOPES.map((scope) => {
            const row = values[scope];
            const error = errors[`kev.${scope}`];
            return (
              <tr key={scope} className={error ? 'is-invalid' : ''}>
                <th scope="row">{KEV_ROW_LABELS[scope]}</th>
                <td>
                  <input type="checkbox" aria-label={`KEV rule for ${KEV_ROW_LABELS[scope].toLowerCase()}`} checked={row.enabled} onChange={(event) => onChange(scope, { ...row, enabled: event.target.checked })} data-testid={`policy-kev-${scope}-enabled`} />
                </td>
                <td>
                  <div className="days-input">
                    <input
                      className="input input--numeric"
                      inputMode="numeric"
                      placeholder="no limit"
                      disabled={!row.enabled}
                      aria-label={`${KEV_ROW_LABELS[scope]}, KEV fixes within days`}
                      aria-invalid={error ? true : undefined}
                      value={row.days}
                      onChange={(event) => onChange(scope, { ...row, days: event.target.value })}
                      data-testid={`policy-kev-${scope}-days`}
                    />
                    <span className="muted">d</span>
                  </div>
                </td>
                <td>
                  <label>
                    <input type="checkbox" disabled={!row.enabled} checked={row.cisaDueDate} onChange={(event) => onChange(scope, { ...row, cisaDueDate: event.target.checked })} data-testid={`policy-kev-${scope}-cisa`} /> or by CISA's due date, if sooner
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="cell-messages" aria-live="polite" data-testid="policy-kev-messages">
        {KEV_RULE_SCOPES.filter((scope) => errors[`kev.${scope}`]).map((scope) => (
          <li key={scope} className="field__error">
            {KEV_ROW_LABELS[scope]}: {errors[`kev.${scope}`]}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Cell problems listed under the table, so the table itself never changes height while typing. */
function CellMessages({ errors, warnings }: { errors: Record<string, string>; warnings: Record<string, string> }) {
  const describe = (key: string) => {
    const [, tier, severity] = key.split('.');
    return `${TIER_LABELS[Number(tier) as 1]}, ${SEVERITY_LABELS[severity as 'high']} severity`;
  };
  const cells = [...Object.entries(errors).filter(([key]) => key.startsWith('sla.')).map(([key, message]) => ({ key, message, tone: 'error' })), ...Object.entries(warnings).filter(([key]) => !errors[key]).map(([key, message]) => ({ key, message, tone: 'warning' }))];
  return (
    <ul className="cell-messages" aria-live="polite" data-testid="policy-messages">
      {cells.map((cell) => (
        <li key={cell.key} className={cell.tone === 'error' ? 'field__error' : 'field__warning'}>
          {describe(cell.key)}: {cell.message}
          {cell.tone === 'warning' ? ' (allowed, but check it)' : ''}
        </li>
      ))}
    </ul>
  );
}
