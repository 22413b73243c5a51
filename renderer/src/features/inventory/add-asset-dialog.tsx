import { useState } from 'react';
import { errorMessage, isApiClientError } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { AssetFormFields } from './asset-form-fields';
import { assetIssuesToErrors, emptyAssetForm, formToFields, validateAssetForm, type AssetFormErrors } from './asset-form-model';
import { useCreateAsset } from './use-assets';

/** Adds an asset by hand (for hosts a scan cannot see, such as a laptop that is often away). */
export function AddAssetDialog({ siteId, onClose }: { siteId: number; onClose: () => void }) {
  const [values, setValues] = useState(emptyAssetForm);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<AssetFormErrors>({});
  const create = useCreateAsset();
  const notify = useToast();
  const errors = submitted ? { ...serverErrors, ...validateAssetForm(values) } : serverErrors;

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(validateAssetForm(values)).length > 0) return;
    try {
      const asset = await create.run({ siteId, fields: formToFields(values) });
      notify({ tone: 'success', text: `Added ${asset.hostname || asset.addresses[0] || 'the asset'}` });
      onClose();
    } catch (error) {
      setServerErrors(isApiClientError(error) && error.issues.length > 0 ? assetIssuesToErrors(error.issues) : { form: errorMessage(error) });
    }
  };

  return (
    <Dialog
      title="Add asset"
      description="For hosts a scan cannot see. A hostname or an address is enough to start."
      onClose={onClose}
      size="large"
      testId="add-asset-dialog"
      footer={<DialogFooterActions formId="add-asset-form" onCancel={onClose} pending={create.pending} label="Add asset" pendingLabel="Adding…" testId="add-asset-submit" />}
    >
      <form
        id="add-asset-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <AssetFormFields
          values={values}
          errors={errors}
          onChange={(next) => {
            setValues(next);
            setServerErrors({});
          }}
        />
        {errors.form ? <InlineAlert title="The asset was not added">{errors.form}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
