import { useMemo, useState } from 'react';
import type { AssetRing } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { SegmentedControl } from '../../components/segmented-control';
import { plural } from '../../lib/format';
import { SEVERITIES } from '../../../../shared/domain/patch-policy';
import { HEALTH_CHECK_KINDS } from '../../../../shared/domain/rollouts/health-check';
import { buildPlanRequest, emptyHook, HOOK_VALUE_WORD, type DraftErrors, type HookDraft, type PlanDraft, type RingDraft } from './deploy-plan-model';
import { REBOOT_LABELS, SELECTION_LABELS } from './rollout-labels';
import { usePlanRollout, useRolloutActions } from './use-rollouts';

/** The Deploy form: what to install, where (rings), how carefully; "Preview" stores the plan and previews it. */
export function PlanForm({ siteId, initial, membership, networkDevices = new Set(), onPlanned }: { siteId: number; initial: PlanDraft; membership: readonly AssetRing[]; networkDevices?: ReadonlySet<number>; onPlanned: (rolloutId: number) => void }) {
  const [draft, setDraft] = useState<PlanDraft>(initial);
  // The trigger the form was opened for (a triage or an emergency cycle) stays offered when unticked.
  const fixesOffered = initial.fixes;
  const [errors, setErrors] = useState<DraftErrors>({});
  const plan = usePlanRollout();
  const { preview } = useRolloutActions();
  const names = useMemo(() => new Map(membership.map((asset) => [asset.assetId, asset.name])), [membership]);
  const set = (patch: Partial<PlanDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setRing = (index: number, patch: Partial<RingDraft>) => set({ rings: draft.rings.map((ring, at) => (at === index ? { ...ring, ...patch } : ring)) });
  const hostCount = draft.rings.reduce((sum, ring) => sum + ring.assetIds.length, 0);
  const manualHosts = draft.rings.flatMap((ring) => ring.assetIds.filter((assetId) => networkDevices.has(assetId)));

  const submit = async () => {
    const built = buildPlanRequest(siteId, draft, networkDevices);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    try {
      const rollout = await plan.run(built.request);
      // The plan is stored; a preview that fails (a host unreachable) is shown on the rollout, which offers "Preview again".
      await preview.run({ rolloutId: rollout.id }).catch(() => undefined);
      onPlanned(rollout.id);
    } catch {
      // The mutation keeps the error; it is shown above the buttons.
    }
  };

  return (
    <form
      className="deploy-plan"
      data-testid="deploy-plan-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <section className="card">
        <h2 className="card__title">What to install</h2>
        <div className="form-grid">
          <Field label="Name" error={errors.name}>
            {(control) => <input {...control} className="input" value={draft.name} onChange={(event) => set({ name: event.target.value })} data-testid="deploy-name" />}
          </Field>
          <div className="field">
            <span className="field__label">Updates</span>
            <SegmentedControl label="Updates" value={draft.selection} options={(['all', 'security', 'packages'] as const).map((value) => ({ value, label: SELECTION_LABELS[value] }))} onChange={(selection) => set({ selection })} testId="deploy-selection" />
          </div>
          {draft.selection !== 'packages' ? (
            <>
              <Field label="Severity" hint="As the SLA reads it: an unrated security fix counts as high.">
                {(control) => (
                  <select {...control} className="select" value={draft.minSeverity} onChange={(event) => set({ minSeverity: event.target.value as PlanDraft['minSeverity'] })} data-testid="deploy-severity">
                    <option value="">Any severity</option>
                    {SEVERITIES.map((severity) => (
                      <option key={severity} value={severity}>
                        {severity === 'critical' ? 'Critical only' : `${severity[0]?.toUpperCase() ?? ''}${severity.slice(1)} or above`}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Advisories, KBs or CVEs" hint="Only updates that belong to one of them; empty for any." error={errors.advisories}>
                {(control) => <input {...control} className="input input--mono" placeholder="DSA-5800-1, CVE-2024-3094" value={draft.advisories} onChange={(event) => set({ advisories: event.target.value })} data-testid="deploy-advisories" />}
              </Field>
            </>
          ) : null}
          {fixesOffered && draft.selection !== 'packages' ? (
            <div className="field form-grid__full">
              <label className="checkbox">
                <input type="checkbox" checked={draft.fixes !== null} onChange={(event) => set({ fixes: event.target.checked ? fixesOffered : null })} data-testid="deploy-fixes" />
                Only the updates that fix <span className="mono">{fixesOffered}</span>, on the hosts triage shows with a fix pending
              </label>
            </div>
          ) : null}
          {draft.selection === 'packages' ? (
            <Field label="Packages" hint="Names separated by commas or spaces; each host gets the version the first ring gets." error={errors.packages} className="form-grid__full">
              {(control) => <input {...control} className="input input--mono" value={draft.packages} onChange={(event) => set({ packages: event.target.value })} data-testid="deploy-packages" />}
            </Field>
          ) : null}
          {draft.selection === 'packages' ? (
            <Field label="Windows updates (KBs)" hint="KB numbers (KB5034441) or Windows Update ids, for the Windows hosts; later rings get exactly the update the first ring got." error={errors.kbs} className="form-grid__full">
              {(control) => <input {...control} className="input input--mono" value={draft.kbs} onChange={(event) => set({ kbs: event.target.value })} placeholder="KB5034441 KB5034439" data-testid="deploy-kbs" />}
            </Field>
          ) : null}
        </div>
      </section>

      <section className="card">
        <h2 className="card__title">
          Rings <span className="muted small">{plural(hostCount, 'host')}, from the site’s ring membership</span>
        </h2>
        {errors.rings ? <InlineAlert tone="warning">{errors.rings}</InlineAlert> : null}
        <table className="simple-table deploy-rings-table" data-testid="deploy-rings">
          <thead>
            <tr>
              <th>Ring</th>
              <th>Hosts</th>
              <th>Concurrency</th>
              <th>Gate before the next ring</th>
              <th>Soak (min)</th>
            </tr>
          </thead>
          <tbody>
            {draft.rings.map((ring, index) => (
              <tr key={ring.name} data-testid={`deploy-ring-${ring.name}`}>
                <td className="cell-strong">{ring.name}</td>
                <td className="deploy-rings-table__hosts" title={ring.assetIds.map((id) => names.get(id) ?? `#${id}`).join(', ')}>
                  {ring.assetIds.map((id) => names.get(id) ?? `#${id}`).join(', ')}
                </td>
                <td>
                  <input className="input input--numeric input--small" aria-label={`Concurrency of ${ring.name}`} aria-invalid={errors[`rings.${index}.concurrency`] ? true : undefined} title={errors[`rings.${index}.concurrency`]} value={ring.concurrency} onChange={(event) => setRing(index, { concurrency: event.target.value })} />
                </td>
                <td>
                  <label className="checkbox">
                    <input type="checkbox" checked={ring.manualApproval} onChange={(event) => setRing(index, { manualApproval: event.target.checked })} />
                    Manual approval
                  </label>
                  <label className="checkbox">
                    <input type="checkbox" checked={ring.allVerified} onChange={(event) => setRing(index, { allVerified: event.target.checked })} />
                    Every host verified
                  </label>
                </td>
                <td>
                  <input className="input input--numeric input--small" aria-label={`Soak time of ${ring.name}`} aria-invalid={errors[`rings.${index}.soakMinutes`] ? true : undefined} title={errors[`rings.${index}.soakMinutes`]} value={ring.soakMinutes} onChange={(event) => setRing(index, { soakMinutes: event.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="table-note muted small">Health checks (the post steps) run again on every host of a ring and must pass before the next ring starts. Change ring membership in Checklist → Settings → Rings.</p>
        {manualHosts.length > 0 ? (
          <div className="deploy-manual" data-testid="deploy-manual">
            <p className="small">
              <strong>Network devices: a manual step.</strong> <span className="muted">Patchdesk does not install on network gear. Its ring waits until you mark each one done, with evidence.</span>
            </p>
            {manualHosts.map((assetId) => (
              <Field key={assetId} label={`Firmware for ${names.get(assetId) ?? `#${assetId}`}`} error={errors[`manual.${assetId}`]}>
                {(control) => <input {...control} className="input input--mono" placeholder="17.9.4a" value={draft.manualTargets[assetId] ?? ''} onChange={(event) => set({ manualTargets: { ...draft.manualTargets, [assetId]: event.target.value } })} data-testid={`deploy-manual-target-${names.get(assetId) ?? assetId}`} />}
              </Field>
            ))}
          </div>
        ) : null}
      </section>

      <section className="card">
        <h2 className="card__title">Safety</h2>
        <div className="form-grid form-grid--three">
          <Field label="Failure budget" hint="Failed hosts across all rings before the rollout halts: a count (1) or a share (10%). Unreachable hosts are not attempted and do not count." error={errors.failureBudget}>
            {(control) => <input {...control} className="input input--small" value={draft.failureBudget} onChange={(event) => set({ failureBudget: event.target.value })} data-testid="deploy-budget" />}
          </Field>
          <Field label="Reboot">
            {(control) => (
              <select {...control} className="select" value={draft.rebootPolicy} onChange={(event) => set({ rebootPolicy: event.target.value as PlanDraft['rebootPolicy'] })} data-testid="deploy-reboot">
                {(['never', 'if-required', 'always'] as const).map((policy) => (
                  <option key={policy} value={policy}>
                    {REBOOT_LABELS[policy]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <span className="field__label">When post steps fail</span>
            <label className="checkbox">
              <input type="checkbox" checked={draft.autoRollback} onChange={(event) => set({ autoRollback: event.target.checked })} data-testid="deploy-auto-rollback" />
              Roll that host back
            </label>
          </div>
        </div>
        <HookList kind="pre" title="Pre steps" hint="Checked on each host before installing; a failing one skips the install on that host." hooks={draft.pre} errors={errors} onChange={(pre) => set({ pre })} />
        <HookList kind="post" title="Post steps (health checks)" hint="Checked on each host after installing (and rebooting), and again at each ring gate; each must pass within its timeout." hooks={draft.post} errors={errors} onChange={(post) => set({ post })} />
      </section>

      {plan.error ? <InlineAlert title="The plan was not stored">{errorMessage(plan.error)}</InlineAlert> : null}
      <div className="deploy-plan__actions">
        <button type="submit" className="button button--primary" disabled={plan.pending || preview.pending} data-testid="deploy-preview">
          {plan.pending || preview.pending ? 'Previewing…' : `Preview ${plural(hostCount, 'host')}`}
        </button>
        <span className="muted small">Nothing is installed until the preview is approved and started.</span>
      </div>
    </form>
  );
}

const HOOK_KIND_LABELS: Record<HookDraft['kind'], string> = { command: 'Command exits 0', unit: 'Unit active', port: 'Port open', http: 'HTTP status' };
const HOOK_PLACEHOLDERS: Record<HookDraft['kind'], string> = { command: 'systemctl reload nginx', unit: 'nginx', port: '443', http: 'http://localhost/health' };

function HookList({ kind, title, hint, hooks, errors, onChange }: { kind: 'pre' | 'post'; title: string; hint: string; hooks: HookDraft[]; errors: DraftErrors; onChange: (hooks: HookDraft[]) => void }) {
  return (
    <div className="deploy-hooks" data-testid={`deploy-${kind}-steps`}>
      <div className="deploy-hooks__head">
        <strong>{title}</strong> <span className="muted small">{hint}</span>
      </div>
      {hooks.map((hook, index) => (
        <div className="deploy-hooks__row" key={index}>
          <select className="select select--small" aria-label={`${title} ${index + 1}: kind`} value={hook.kind} onChange={(event) => onChange(hooks.map((each, at) => (at === index ? { ...emptyHook(event.target.value as HookDraft['kind']), command: each.kind === 'command' || event.target.value === 'command' ? '' : each.command } : each)))} data-testid={`deploy-${kind}-kind-${index}`}>
            {HEALTH_CHECK_KINDS.map((option) => (
              <option key={option} value={option}>
                {HOOK_KIND_LABELS[option]}
              </option>
            ))}
          </select>
          <input className={hook.kind === 'port' ? 'input input--numeric input--small' : 'input input--mono'} aria-label={`${title} ${index + 1}: ${HOOK_VALUE_WORD[hook.kind]}`} placeholder={HOOK_PLACEHOLDERS[hook.kind]} aria-invalid={errors[`${kind}.${index}.command`] ? true : undefined} title={errors[`${kind}.${index}.command`]} value={hook.command} onChange={(event) => onChange(hooks.map((each, at) => (at === index ? { ...each, command: event.target.value } : each)))} data-testid={`deploy-${kind}-command-${index}`} />
          {hook.kind === 'http' ? (
            <input className="input input--numeric input--small" aria-label={`${title} ${index + 1}: expected HTTP status`} title="Expected HTTP status" value={hook.expectStatus} onChange={(event) => onChange(hooks.map((each, at) => (at === index ? { ...each, expectStatus: event.target.value } : each)))} data-testid={`deploy-${kind}-status-${index}`} />
          ) : null}
          <input className="input input--numeric input--small" aria-label={`${title} ${index + 1}: timeout in seconds`} aria-invalid={errors[`${kind}.${index}.timeoutSeconds`] ? true : undefined} title={errors[`${kind}.${index}.timeoutSeconds`] ?? 'Timeout in seconds'} value={hook.timeoutSeconds} onChange={(event) => onChange(hooks.map((each, at) => (at === index ? { ...each, timeoutSeconds: event.target.value } : each)))} />
          <span className="muted small">s</span>
          <button type="button" className="icon-button icon-button--small" aria-label={`Remove ${title} ${index + 1}`} onClick={() => onChange(hooks.filter((_, at) => at !== index))}>
            <Icon name="close" size={12} />
          </button>
          {errors[`${kind}.${index}.command`] || errors[`${kind}.${index}.timeoutSeconds`] ? (
            <span className="field__error" role="alert">
              {errors[`${kind}.${index}.command`] ?? errors[`${kind}.${index}.timeoutSeconds`]}
            </span>
          ) : null}
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...hooks, emptyHook(kind === 'post' ? 'unit' : 'command')])} data-testid={`deploy-add-${kind}`}>
        <Icon name="plus" size={12} /> Add a {kind} step
      </button>
    </div>
  );
}
