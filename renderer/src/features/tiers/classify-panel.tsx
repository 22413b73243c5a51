import { useEffect, useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { computeTier, IMPACT_LABELS, IMPACT_LEVELS, type Classification, type ImpactLevel } from '../../../../shared/domain/risk-tier';
import { errorMessage } from '../../api/api-client-error';
import { InlineAlert } from '../../components/inline-alert';
import { TierBadge } from '../../components/tier-badge';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { EXPOSURE_QUESTIONS, sharedClassification } from './tier-model';
import { splitLabel } from './tier-rule-table';
import { useClassify } from './use-tiers';

type Draft = { impact: ImpactLevel | null } & Omit<Classification, 'impact'>;

const BLANK: Draft = { impact: null, internetFacing: false, privilegedData: false, untrustedReachable: false };

/**
 * Classifies the selected assets with one set of answers. The resulting tier is shown before
 * applying, and the override actions live here too so everything about tiers is in one place.
 */
export function ClassifyPanel({ selected, onOverride, onClearOverride, onDone }: { selected: readonly Asset[]; onOverride: () => void; onClearOverride: () => void; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(BLANK);
  const [error, setError] = useState<string | null>(null);
  const classify = useClassify();
  const notify = useToast();
  const selectionKey = selected.map((asset) => asset.id).join(',');

  useEffect(() => {
    setDraft(sharedClassification(selected) ?? BLANK);
    setError(null);
    // Prefill only when the selection changes, not on every refetch of the same assets.
  }, [selectionKey]);

  if (selected.length === 0) {
    return (
      <aside className="card classify-panel classify-panel--empty" aria-label="Classify" data-testid="classify-panel">
        <h2 className="card__title">Classify</h2>
        <p className="muted">Select assets in the list (Space, Shift+arrows, Ctrl+A) to answer the impact and exposure questions for all of them at once.</p>
      </aside>
    );
  }

  const tier = draft.impact ? computeTier({ ...draft, impact: draft.impact }) : null;
  const overridden = selected.filter((asset) => asset.tierOverride !== null).length;

  const apply = async () => {
    if (!draft.impact) {
      setError('Choose the business impact first.');
      return;
    }
    try {
      const result = await classify.run({ assetIds: selected.map((asset) => asset.id), classification: { ...draft, impact: draft.impact } });
      notify({ tone: 'success', text: `Classified ${plural(result.updated, 'asset')}` });
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <aside className="card classify-panel" aria-labelledby="classify-title" data-testid="classify-panel">
      <h2 id="classify-title" className="card__title">
        Classify {plural(selected.length, 'asset')}
      </h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <fieldset className="choice-group">
          <legend>Business impact if it is down or compromised</legend>
          {IMPACT_LEVELS.map((impact) => {
            const [title, text] = splitLabel(IMPACT_LABELS[impact]);
            return (
              <label key={impact} className="choice">
                <input type="radio" name="impact" value={impact} checked={draft.impact === impact} onChange={() => setDraft({ ...draft, impact })} data-testid={`impact-${impact}`} />
                <span>
                  <strong className="choice__inline-title">{title}</strong>
                  <span className="choice__text choice__text--inline">{text}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <fieldset className="choice-group">
          <legend>Exposure</legend>
          {EXPOSURE_QUESTIONS.map((question) => (
            <label key={question.key} className="choice">
              <input type="checkbox" checked={draft[question.key]} onChange={(event) => setDraft({ ...draft, [question.key]: event.target.checked })} data-testid={`exposure-${question.key}`} />
              <span>
                <strong>{question.label}</strong>
                <span className="choice__text">{question.description}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="classify-result" aria-live="polite">
          <span className="muted">Resulting tier</span>
          <span data-testid="classify-result">{tier ? <TierBadge tier={tier} /> : <span className="muted">choose an impact</span>}</span>
        </div>
        {overridden > 0 ? <p className="muted small">{plural(overridden, 'selected asset has', 'selected assets have')} a manual override, which stays in force.</p> : null}
        {error ? <InlineAlert title="Not classified">{error}</InlineAlert> : null}
        <div className="classify-panel__submit">
          <button type="submit" className="button button--primary button--block" disabled={classify.pending} data-testid="classify-apply">
            {classify.pending ? 'Classifying…' : `Classify ${plural(selected.length, 'asset')}`}
          </button>
        </div>
      </form>
      <div className="classify-panel__overrides">
        <button type="button" className="button button--block" onClick={onOverride} data-testid="override-open">
          Set tier manually…
        </button>
        {overridden > 0 ? (
          <button type="button" className="button button--ghost button--block" onClick={onClearOverride} data-testid="override-clear-open">
            Clear {plural(overridden, 'override')}…
          </button>
        ) : null}
      </div>
    </aside>
  );
}
