import { useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { TIER_LABELS, TIERS, type Tier } from '../../../../shared/domain/risk-tier';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { Field } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { plural } from '../../lib/format';
import { useOverride } from './use-tiers';

/**
 * Sets a manual tier (mode `set`) or removes one (mode `clear`). Either way a reason is required:
 * an insurer or auditor will ask why an asset is not where the rule puts it.
 */
export function OverrideDialog({ mode, assets, onClose, onDone }: { mode: 'set' | 'clear'; assets: readonly Asset[]; onClose: () => void; onDone: () => void }) {
  const targets = mode === 'clear' ? assets.filter((asset) => asset.tierOverride !== null) : assets;
  const [tier, setTier] = useState<Tier | null>(targets.length === 1 ? (targets[0]!.tierOverride?.tier ?? null) : null);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const override = useOverride();
  const notify = useToast();
  const reasonError = submitted && reason.trim() === '' ? 'Give a reason; it is kept with the override.' : undefined;
  const tierError = submitted && mode === 'set' && tier === null ? 'Choose a tier.' : undefined;
  const ids = targets.map((asset) => asset.id);

  const submit = async () => {
    setSubmitted(true);
    if (reason.trim() === '' || (mode === 'set' && tier === null)) return;
    try {
      const result = await override.run(mode === 'set' ? { action: 'set', assetIds: ids, tier: tier!, reason: reason.trim() } : { action: 'clear', assetIds: ids, reason: reason.trim() });
      notify({ tone: 'success', text: mode === 'set' ? `Set ${TIER_LABELS[tier!]} on ${plural(result.updated, 'asset')}` : `Cleared ${plural(result.updated, 'override')}` });
      onDone();
      onClose();
    } catch {
      // Shown below from override.error.
    }
  };

  return (
    <Dialog
      title={mode === 'set' ? `Set tier manually for ${plural(ids.length, 'asset')}` : `Clear ${plural(ids.length, 'override')}`}
      description={mode === 'set' ? 'The manual tier wins over the computed one until it is cleared.' : 'The computed tier applies again.'}
      onClose={onClose}
      size="small"
      testId="override-dialog"
      footer={<DialogFooterActions formId="override-form" onCancel={onClose} pending={override.pending} label={mode === 'set' ? 'Set tier' : 'Clear override'} testId="override-submit" />}
    >
      <form
        id="override-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {mode === 'set' ? (
          <fieldset className="choice-group">
            <legend>Tier</legend>
            {TIERS.map((candidate) => (
              <label key={candidate} className="choice choice--inline">
                <input type="radio" name="override-tier" checked={tier === candidate} onChange={() => setTier(candidate)} data-testid={`override-tier-${candidate}`} />
                <span>{TIER_LABELS[candidate]}</span>
              </label>
            ))}
            {tierError ? (
              <div className="field__error" role="alert">
                {tierError}
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <Field label="Reason" error={reasonError} hint={mode === 'set' ? 'For example: runs the payment terminal, treat as tier 1.' : 'For example: classification now reflects the firewall change.'}>
          {(control) => <textarea {...control} className="input" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="override-reason" />}
        </Field>
        {override.error ? <InlineAlert title="Nothing was changed">{errorMessage(override.error)}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
