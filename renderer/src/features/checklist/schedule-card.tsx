import { useEffect, useState } from 'react';
import { DEFAULT_CADENCE_RULES } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { ASSET_CLASSES, CADENCES, type AssetClass, type Cadence } from '../../../../shared/domain/cycles/cadence';
import { WEEKDAY_OCCURRENCES, type WeekdayOccurrence } from '../../../../shared/domain/cycles/baseline-anchor';
import { WEEKDAY_NAMES, type Weekday } from '../../../../shared/domain/cycles/weekdays';
import { useRequiredSite } from '../sites/current-site-context';
import { formatDay, formatMonth } from './checklist-dates';
import { ASSET_CLASS_LABELS, CADENCE_LABELS, NTH_LABELS, WEEKDAYS_MONDAY_FIRST } from './checklist-labels';
import { anchorLabel, anchorPreview, buildScheduleUpdate, monthNames, parseAnchorOffset, scheduleFromSettings, type ScheduleFormValues } from './schedule-model';
import { useCycleSettings, useUpdateSettings } from './use-cycles';
import { useSiteClock } from './use-site-clock';

const CLASS_EXAMPLES: Record<AssetClass, string> = {
  'os-and-apps': 'Servers, workstations, their applications',
  appliance: 'NAS, storage, security appliances',
  hypervisor: 'ESXi, Hyper-V, Proxmox hosts',
  firmware: 'Switches, routers, printers, embedded',
};

/** The baseline anchor (nth weekday plus offset) with a live preview, and the cadence per asset class. */
export function ScheduleCard() {
  const site = useRequiredSite();
  const { today } = useSiteClock(site.timezone);
  const settings = useCycleSettings(site.id);
  const update = useUpdateSettings();
  const notify = useToast();
  const [values, setValues] = useState<ScheduleFormValues | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The form starts from the stored settings, and again whenever they change elsewhere.
  useEffect(() => {
    if (settings.data) setValues(scheduleFromSettings(settings.data));
  }, [settings.data]);

  if (!settings.data || !values) {
    return settings.error ? <InlineAlert title="The schedule could not be loaded">{errorMessage(settings.error)}</InlineAlert> : <div className="skeleton-block" aria-busy="true" aria-label="Loading the schedule" />;
  }
  const stored = settings.data;
  const set = (patch: Partial<ScheduleFormValues>) => {
    setValues((current) => (current ? { ...current, ...patch } : current));
    setError(null);
  };
  const offset = parseAnchorOffset(values.offset);
  const preview = anchorPreview(values, today.slice(0, 7), 3);
  const built = buildScheduleUpdate(values, stored);
  const dirty = !built.ok || built.request !== null;
  const months = monthNames();

  const save = async () => {
    if (!built.ok) {
      setError(built.error);
      return;
    }
    if (!built.request) return;
    try {
      await update.run(built.request);
      notify({ tone: 'success', text: 'Schedule saved; new cycles use it' });
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <form
      className="card settings-card"
      data-testid="schedule-settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className="card__title">Baseline anchor</h2>
      <p className="muted small settings-card__lead">The day each month’s baseline cycle counts its due days from. Most shops use the second Tuesday, when Microsoft and many vendors release their fixes; a shop that patches the Saturday after uses an offset of +4.</p>
      <div className="anchor-row">
        <Field label="Occurrence">
          {(control) => (
            <select {...control} className="select" value={values.nth} onChange={(event) => set({ nth: Number(event.target.value) as WeekdayOccurrence })} data-testid="anchor-nth">
              {WEEKDAY_OCCURRENCES.map((nth) => (
                <option key={nth} value={nth}>
                  {NTH_LABELS[nth]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Weekday">
          {(control) => (
            <select {...control} className="select" value={values.weekday} onChange={(event) => set({ weekday: event.target.value as Weekday })} data-testid="anchor-weekday">
              {WEEKDAYS_MONDAY_FIRST.map((day) => (
                <option key={day} value={day}>
                  {WEEKDAY_NAMES[day]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Offset (days)" error={offset.ok ? undefined : offset.error}>
          {(control) => <input {...control} className="input input--numeric anchor-row__offset" inputMode="numeric" value={values.offset} onChange={(event) => set({ offset: event.target.value })} data-testid="anchor-offset" />}
        </Field>
        <div className="anchor-preview" data-testid="anchor-preview">
          <span className="anchor-preview__label">{anchorLabel(values) || '—'}</span>
          <ul className="anchor-preview__days">
            {preview.map((each) => (
              <li key={each.month}>
                <span className="muted small">{formatMonth(each.month)}</span>
                <span>{formatDay(each.day)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <p className="muted small">Open cycles keep the anchor and due days they were opened with.</p>

      <h2 className="card__title settings-card__second">Cadence per asset class</h2>
      <p className="muted small settings-card__lead">How often each kind of asset is due in the baseline. Assets not due this month stay in the cycle’s scope but are not counted by its verification rescan.</p>
      <table className="simple-table cadence-table">
        <thead>
          <tr>
            <th scope="col">Asset class</th>
            <th scope="col">Cadence</th>
            <th scope="col">
              <span className="visually-hidden">Default</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ASSET_CLASSES.map((assetClass) => (
            <tr key={assetClass}>
              <td>
                <div className="cell-strong">{ASSET_CLASS_LABELS[assetClass]}</div>
                <div className="muted small">{CLASS_EXAMPLES[assetClass]}</div>
              </td>
              <td>
                <select
                  className="select"
                  aria-label={`Cadence of ${ASSET_CLASS_LABELS[assetClass]}`}
                  value={values.cadences[assetClass]}
                  onChange={(event) => set({ cadences: { ...values.cadences, [assetClass]: event.target.value as Cadence } })}
                  data-testid={`cadence-${assetClass}`}
                >
                  {CADENCES.map((cadence) => (
                    <option key={cadence} value={cadence}>
                      {CADENCE_LABELS[cadence]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted small">{values.cadences[assetClass] === DEFAULT_CADENCE_RULES[assetClass] ? 'default' : `default: ${CADENCE_LABELS[DEFAULT_CADENCE_RULES[assetClass]].toLowerCase()}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="inline-field cadence-start">
        <Field label="Quarterly and twice-yearly cadences count from" hint="With January: quarterly is Jan, Apr, Jul, Oct; twice a year is Jan and Jul.">
          {(control) => (
            <select {...control} className="select" value={values.cadenceStartMonth} onChange={(event) => set({ cadenceStartMonth: Number(event.target.value) })} data-testid="cadence-start-month">
              {months.map((name, index) => (
                <option key={name} value={index + 1}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {error ? (
        <InlineAlert title="Not saved" testId="schedule-error">
          {error}
        </InlineAlert>
      ) : null}
      <div className="form-actions settings-card__actions">
        <span className="muted small">{stored.updatedAt ? `Last changed by ${stored.updatedBy}` : 'Using the defaults'}</span>
        <button type="button" className="button" disabled={!dirty || update.pending} onClick={() => setValues(scheduleFromSettings(stored))} data-testid="schedule-discard">
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty || update.pending} data-testid="schedule-save">
          {update.pending ? 'Saving…' : 'Save schedule'}
        </button>
      </div>
    </form>
  );
}
