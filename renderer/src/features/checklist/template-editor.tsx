import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-client-error';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { SegmentedControl } from '../../components/segmented-control';
import { useToast } from '../../components/toast';
import { CHECKLIST_ITEM_KINDS, type ChecklistItemKind, type CycleKind, type DueFrom } from '../../../../shared/domain/cycles/checklist-template';
import { useRequiredSite } from '../sites/current-site-context';
import { ITEM_KIND_HINTS, ITEM_KIND_LABELS } from './checklist-labels';
import { addItem, canAdd, describeOffset, draftFromTemplate, draftProblems, isDirty, moveItem, removeItem, toTemplateItems, updateItem, type TemplateDraftItem } from './template-editor-model';
import { useTemplate, useUpdateTemplate } from './use-cycles';

/**
 * Edits a site's checklist template for baseline or emergency cycles: reorder, rename, add and
 * remove steps, change when each is due. Open cycles keep the checklist they were opened with;
 * the next cycle copies this one. "Reset to default" goes back to the built-in practice.
 */
export function TemplateEditor() {
  const site = useRequiredSite();
  const [kind, setKind] = useState<CycleKind>('baseline');
  const template = useTemplate(site.id, kind);
  const update = useUpdateTemplate();
  const notify = useToast();
  const [rows, setRows] = useState<TemplateDraftItem[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    setRows(template.data ? draftFromTemplate(template.data.items) : null);
    setRefusal(null);
    setConfirmReset(false);
  }, [template.data]);

  const stored = template.data;
  const problems = rows ? draftProblems(rows, kind) : {};
  const dirty = rows && stored ? isDirty(rows, stored.items) : false;
  const valid = Object.keys(problems).length === 0;

  const save = async (items: ReturnType<typeof toTemplateItems> | null) => {
    setRefusal(null);
    try {
      await update.run({ siteId: site.id, kind, items });
      notify({ tone: 'success', text: items === null ? 'Template reset to the built-in checklist' : 'Template saved; the next cycle uses it' });
    } catch (caught) {
      setRefusal(errorMessage(caught));
    }
  };
  const edit = (next: TemplateDraftItem[]) => {
    setRows(next);
    setRefusal(null);
  };

  return (
    <section className="card settings-card" data-testid="template-editor" data-kind={kind}>
      <div className="settings-card__head">
        <div>
          <h2 className="card__title">Checklist template</h2>
          <p className="muted small settings-card__lead">The steps each new cycle copies, in order, with their due days. Open cycles keep the checklist they were opened with.</p>
        </div>
        <SegmentedControl
          label="Template"
          value={kind}
          onChange={(next) => {
            if (dirty && !window.confirm('Discard the unsaved changes to this template?')) return;
            setKind(next);
          }}
          testId="template-kind"
          options={[
            { value: 'baseline', label: 'Monthly baseline' },
            { value: 'emergency', label: 'Emergency' },
          ]}
        />
      </div>

      {template.error && !stored ? (
        <InlineAlert title="The template could not be loaded">{errorMessage(template.error)}</InlineAlert>
      ) : !rows || !stored ? (
        <div className="skeleton-block" aria-busy="true" aria-label="Loading the template" />
      ) : (
        <>
          <div className="template-meta muted small">
            {stored.isDefault ? 'Built-in checklist.' : `Edited by ${stored.updatedBy}.`} Due days count from {kind === 'baseline' ? 'the anchor day (day 0)' : 'the opening day or the deadline'}.
          </div>
          <ol className="template-rows" data-testid="template-rows">
            {rows.map((row, index) => (
              <TemplateRow
                key={row.uid}
                row={row}
                index={index}
                count={rows.length}
                kind={kind}
                problems={problems}
                onChange={(patch) => edit(updateItem(rows, index, patch))}
                onMove={(delta) => edit(moveItem(rows, index, delta))}
                onRemove={() => edit(removeItem(rows, index))}
              />
            ))}
          </ol>
          {problems.items ? <p className="field__error">{problems.items}</p> : null}
          <div className="template-actions">
            <button type="button" className="button button--small" disabled={!canAdd(rows)} onClick={() => edit(addItem(rows, kind))} data-testid="template-add">
              <Icon name="plus" size={14} />
              Add a step
            </button>
            {confirmReset ? (
              <span className="template-reset-confirm" data-testid="template-reset-confirm">
                Replace with the built-in {kind} checklist?
                <button type="button" className="button button--small button--danger" disabled={update.pending} onClick={() => void save(null)} data-testid="template-reset-yes">
                  Reset
                </button>
                <button type="button" className="button button--small button--ghost" onClick={() => setConfirmReset(false)}>
                  Keep mine
                </button>
              </span>
            ) : (
              <button type="button" className="button button--small button--ghost" disabled={stored.isDefault || update.pending} onClick={() => setConfirmReset(true)} data-testid="template-reset">
                Reset to default
              </button>
            )}
          </div>
          {refusal ? (
            <InlineAlert title="Not saved" testId="template-error">
              {refusal}
            </InlineAlert>
          ) : null}
          <div className="form-actions settings-card__actions">
            <span className="muted small">{dirty ? (valid ? 'Unsaved changes' : 'Fix the marked fields to save') : 'No changes'}</span>
            <button type="button" className="button" disabled={!dirty || update.pending} onClick={() => edit(draftFromTemplate(stored.items))} data-testid="template-discard">
              Discard changes
            </button>
            <button type="button" className="button button--primary" disabled={!dirty || !valid || update.pending} onClick={() => void save(toTemplateItems(rows))} data-testid="template-save">
              {update.pending ? 'Saving…' : 'Save template'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function TemplateRow({
  row,
  index,
  count,
  kind,
  problems,
  onChange,
  onMove,
  onRemove,
}: {
  row: TemplateDraftItem;
  index: number;
  count: number;
  kind: CycleKind;
  problems: Record<string, string>;
  onChange: (patch: Partial<Omit<TemplateDraftItem, 'uid' | 'isNew' | 'key'>>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const problem = (field: string) => problems[`${index}.${field}`];
  const titleError = problem('title') ?? problem('key');
  return (
    <li className="template-row" data-testid={`template-row-${index}`} data-key={row.key}>
      <span className="template-row__number">{index + 1}</span>
      <div className="template-row__main">
        <div className="template-row__line">
          <input
            className="input template-row__title"
            aria-label={`Step ${index + 1} title`}
            aria-invalid={titleError ? true : undefined}
            value={row.title}
            onChange={(event) => onChange({ title: event.target.value })}
            data-testid={`template-title-${index}`}
          />
          <select className="select template-row__kind" aria-label={`Step ${index + 1} kind`} aria-invalid={problem('kind') ? true : undefined} value={row.kind} title={ITEM_KIND_HINTS[row.kind]} onChange={(event) => onChange({ kind: event.target.value as ChecklistItemKind })} data-testid={`template-kind-${index}`}>
            {CHECKLIST_ITEM_KINDS.map((each) => (
              <option key={each} value={each}>
                {ITEM_KIND_LABELS[each]}
              </option>
            ))}
          </select>
          <span className="template-row__due">
            <input
              className="input input--numeric template-row__offset"
              aria-label={`Step ${index + 1} due offset in days`}
              aria-invalid={problem('offset') ? true : undefined}
              inputMode="numeric"
              value={row.offset}
              onChange={(event) => onChange({ offset: event.target.value })}
              data-testid={`template-offset-${index}`}
            />
            {kind === 'emergency' ? (
              <select className="select template-row__from" aria-label={`Step ${index + 1} counts from`} aria-invalid={problem('dueFrom') ? true : undefined} value={row.dueFrom} onChange={(event) => onChange({ dueFrom: event.target.value as DueFrom })} data-testid={`template-due-from-${index}`}>
                <option value="anchor">from opening</option>
                <option value="deadline">from deadline</option>
              </select>
            ) : (
              <span className="muted small">days</span>
            )}
          </span>
          <span className="template-row__tools">
            <button type="button" className="icon-button icon-button--small" aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => onMove(-1)} data-testid={`template-up-${index}`}>
              <Icon name="arrowUp" size={14} />
            </button>
            <button type="button" className="icon-button icon-button--small" aria-label={`Move step ${index + 1} down`} disabled={index === count - 1} onClick={() => onMove(1)} data-testid={`template-down-${index}`}>
              <Icon name="arrowDown" size={14} />
            </button>
            <button type="button" className="icon-button icon-button--small" aria-label={`Remove step ${index + 1}`} disabled={count === 1} onClick={onRemove} data-testid={`template-remove-${index}`}>
              <Icon name="close" size={14} />
            </button>
          </span>
        </div>
        <textarea
          className="input template-row__description"
          aria-label={`Step ${index + 1} description`}
          rows={1}
          placeholder="What this step means, for whoever ticks it."
          value={row.description}
          onChange={(event) => onChange({ description: event.target.value })}
          data-testid={`template-description-${index}`}
        />
        <div className="template-row__meta small">
          <span className="mono muted" title="The step's key: cycles and the evidence pack refer to it">
            {row.key || '—'}
          </span>
          <span className="muted">{describeOffset(row.offset, row.dueFrom, kind)}</span>
          {row.kind !== 'task' ? <span className="muted">{ITEM_KIND_HINTS[row.kind]}</span> : null}
        </div>
        {[titleError, problem('offset'), problem('kind'), problem('dueFrom'), problem('description')].filter(Boolean).map((message) => (
          <p key={message} className="field__error">
            {message}
          </p>
        ))}
      </div>
    </li>
  );
}
