import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { RINGS, type Ring } from '../../../../shared/domain/cycles/rings';
import { useRequiredSite } from '../sites/current-site-context';
import { formatInstantIn } from './checklist-dates';
import { RING_LABELS, WEEKDAYS_MONDAY_FIRST, WEEKDAY_SHORT } from './checklist-labels';
import { useSetWindows, useWindows } from './use-cycles';
import { useSiteClock } from './use-site-clock';
import { buildWindowsRequest, draftFromWindows, durationOf, durationText, endText, newWindow, nextOccurrence, toggleWeekday, weekdaysText, windowProblems, windowsDirty, type WindowDraft } from './windows-model';

/**
 * When patching and reboots may happen, per site or per ring, in the site's time zone. Each row
 * shows when it next opens (computed as typed); a ring without a window of its own uses the
 * site-wide ones. Saving replaces the site's windows as a whole.
 */
export function WindowsEditor() {
  const site = useRequiredSite();
  const { nowMs } = useSiteClock(site.timezone);
  const windows = useWindows(site.id);
  const save = useSetWindows();
  const notify = useToast();
  const [rows, setRows] = useState<WindowDraft[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    setRows(windows.data ? draftFromWindows(windows.data.windows) : null);
  }, [windows.data]);

  const stored = windows.data;
  const dirty = rows && stored ? windowsDirty(rows, stored.windows) : false;
  const request = rows ? buildWindowsRequest(site.id, rows) : null;
  const edit = (index: number, patch: Partial<WindowDraft>) => {
    setRows((current) => (current ? current.map((row, each) => (each === index ? { ...row, ...patch } : row)) : current));
    setRefusal(null);
  };

  const submit = async () => {
    if (!request) return;
    setRefusal(null);
    try {
      await save.run(request);
      notify({ tone: 'success', text: 'Maintenance windows saved' });
    } catch (caught) {
      setRefusal(errorMessage(caught));
    }
  };

  return (
    <section className="card settings-card" data-testid="windows-editor">
      <h2 className="card__title">Maintenance windows</h2>
      <p className="muted small settings-card__lead">
        When updates may be installed and hosts rebooted, in the site’s time zone (<strong>{site.timezone}</strong>). A window for one ring replaces the site-wide windows for that ring.
      </p>

      {stored ? (
        <ul className="ring-next" data-testid="ring-next">
          {stored.nextByRing.map((each) => (
            <li key={each.ring} data-testid={`ring-next-${each.ring}`}>
              <span className={`ring-chip ring-chip--${each.ring}`}>{RING_LABELS[each.ring]}</span>
              <span className="small">{each.from ? `next ${formatInstantIn(each.from, site.timezone)}` : <span className="muted">no window</span>}</span>
            </li>
          ))}
        </ul>
      ) : null}

      {windows.error && !stored ? (
        <InlineAlert title="The windows could not be loaded">{errorMessage(windows.error)}</InlineAlert>
      ) : !rows ? (
        <div className="skeleton-block" aria-busy="true" aria-label="Loading maintenance windows" />
      ) : (
        <>
          {rows.length === 0 ? <p className="muted small windows-empty">No windows yet: patching may happen at any time. Add the nights or weekends your users can do without their machines.</p> : null}
          <ol className="window-rows" data-testid="window-rows">
            {rows.map((row, index) => {
              const problems = windowProblems(row);
              const minutes = durationOf(row);
              const next = nextOccurrence(row, nowMs, site.timezone);
              return (
                <li key={row.uid} className="window-row" data-testid={`window-row-${index}`}>
                  <div className="window-row__fields">
                    <label className="window-row__field">
                      <span className="field__label">Applies to</span>
                      <select className="select" value={row.ring ?? ''} onChange={(event) => edit(index, { ring: (event.target.value || null) as Ring | null })} data-testid={`window-ring-${index}`}>
                        <option value="">Whole site</option>
                        {RINGS.map((ring) => (
                          <option key={ring} value={ring}>
                            {RING_LABELS[ring]} ring
                          </option>
                        ))}
                      </select>
                    </label>
                    <div className={`window-row__field window-days${problems.weekdays ? ' field--invalid' : ''}`}>
                      <span className="field__label" id={`${row.uid}-days`}>
                        Days
                      </span>
                      <div className="day-toggles" role="group" aria-labelledby={`${row.uid}-days`}>
                        {WEEKDAYS_MONDAY_FIRST.map((day) => (
                          <button key={day} type="button" className="day-toggle" aria-pressed={row.weekdays.includes(day)} onClick={() => edit(index, { weekdays: toggleWeekday(row.weekdays, day) })} data-testid={`window-day-${index}-${day}`}>
                            {WEEKDAY_SHORT[day]}
                          </button>
                        ))}
                      </div>
                    </div>
                    <label className="window-row__field">
                      <span className="field__label">Starts</span>
                      <input type="time" className="input window-row__time" aria-invalid={problems.start ? true : undefined} value={row.start} onChange={(event) => edit(index, { start: event.target.value })} data-testid={`window-start-${index}`} />
                    </label>
                    <div className="window-row__field">
                      <span className="field__label">Lasts</span>
                      <span className="window-row__duration">
                        <input className="input input--numeric" aria-label="Hours" aria-invalid={problems.duration ? true : undefined} inputMode="numeric" value={row.hours} onChange={(event) => edit(index, { hours: event.target.value })} data-testid={`window-hours-${index}`} />
                        <span className="muted small">h</span>
                        <input className="input input--numeric" aria-label="Minutes" aria-invalid={problems.duration ? true : undefined} inputMode="numeric" value={row.minutes} onChange={(event) => edit(index, { minutes: event.target.value })} data-testid={`window-minutes-${index}`} />
                        <span className="muted small">min</span>
                      </span>
                    </div>
                    <label className="window-row__field window-row__label">
                      <span className="field__label">Label</span>
                      <input className="input" placeholder="Saturday night" value={row.label} onChange={(event) => edit(index, { label: event.target.value })} data-testid={`window-label-${index}`} />
                    </label>
                    <button type="button" className="icon-button window-row__remove" aria-label={`Remove window ${index + 1}`} onClick={() => setRows(rows.filter((_, each) => each !== index))} data-testid={`window-remove-${index}`}>
                      <Icon name="close" size={14} />
                    </button>
                  </div>
                  <div className="window-row__summary small" data-testid={`window-summary-${index}`}>
                    {Object.keys(problems).length > 0 ? (
                      <span className="text-danger">{Object.values(problems).join(' ')}</span>
                    ) : (
                      <>
                        <span>
                          {weekdaysText(row.weekdays)} {row.start}–{endText(row.start, minutes ?? 0)} ({durationText(minutes ?? 0)})
                        </span>
                        <span className="muted" data-testid={`window-next-${index}`}>
                          {next ? `${next.from <= nowMs ? 'open now, until' : 'next'} ${formatInstantIn(new Date(next.from <= nowMs ? next.to : next.from).toISOString(), site.timezone)}` : ''}
                        </span>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="template-actions">
            <button type="button" className="button button--small" disabled={rows.length >= 50} onClick={() => setRows([...rows, newWindow()])} data-testid="window-add">
              <Icon name="plus" size={14} />
              Add a window
            </button>
          </div>
          {refusal ? (
            <InlineAlert title="Not saved" testId="windows-error">
              {refusal}
            </InlineAlert>
          ) : null}
          <div className="form-actions settings-card__actions">
            <span className="muted small">{dirty ? (request ? 'Unsaved changes' : 'Fix the marked windows to save') : 'No changes'}</span>
            <button type="button" className="button" disabled={!dirty || save.pending} onClick={() => stored && setRows(draftFromWindows(stored.windows))} data-testid="windows-discard">
              Discard changes
            </button>
            <button type="button" className="button button--primary" disabled={!dirty || !request || save.pending} onClick={() => void submit()} data-testid="windows-save">
              {save.pending ? 'Saving…' : 'Save windows'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
