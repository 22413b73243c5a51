import { useState } from 'react';
import type { Asset } from '../../../../shared/contract';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { useInvalidate } from '../../api/use-api-cache';
import { assetIssuesToErrors, assetToForm, changedFields, validateAssetForm, type AssetFormErrors, type AssetFormValues } from './asset-form-model';
import { ASSET_READS, useUpdateAsset } from './use-assets';

/**
 * Editing one asset: the draft, per-field errors (live after the first save attempt, plus the
 * host's issues), and the optimistic-concurrency handling: a conflict reloads the asset and says so.
 * The draft is saved against the asset as it was when editing started, not as live updates show it
 * since: a change made meanwhile elsewhere (another window, the CLI) is a conflict, never overwritten.
 */
export function useAssetEditor(asset: Asset | undefined) {
  const [draft, setDraft] = useState<AssetFormValues | null>(null);
  const [base, setBase] = useState<Asset | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AssetFormErrors>({});
  const [conflict, setConflict] = useState(false);
  const update = useUpdateAsset();
  const invalidate = useInvalidate();

  const start = () => {
    if (!asset) return;
    setBase(asset);
    setDraft(assetToForm(asset));
    setSubmitted(false);
    setServerErrors({});
    setConflict(false);
  };
  const cancel = () => {
    setDraft(null);
    setServerErrors({});
  };
  const change = (next: AssetFormValues) => {
    setDraft(next);
    setServerErrors({});
  };

  const errors: AssetFormErrors = draft && submitted ? { ...serverErrors, ...validateAssetForm(draft) } : serverErrors;

  const save = async (): Promise<Asset | null> => {
    if (!base || !draft) return null;
    setSubmitted(true);
    if (Object.keys(validateAssetForm(draft)).length > 0) return null;
    const changes = changedFields(base, draft);
    if (Object.keys(changes).length === 0) {
      setDraft(null);
      return asset ?? base;
    }
    try {
      const saved = await update.run({ id: base.id, expectedVersion: base.version, changes });
      setDraft(null);
      setConflict(false);
      return saved;
    } catch (error) {
      if (isApiClientError(error, 'conflict')) {
        setConflict(true);
        setDraft(null);
        invalidate(ASSET_READS);
      } else if (isApiClientError(error) && error.issues.length > 0) {
        setServerErrors(assetIssuesToErrors(error.issues));
      } else {
        setServerErrors({ form: errorMessage(error) });
      }
      return null;
    }
  };

  return { draft, editing: draft !== null, errors, conflict, dismissConflict: () => setConflict(false), start, cancel, change, save, saving: update.pending };
}
