import { Dialog } from '../../components/dialog';
import { DialogFooterActions } from '../../components/dialog-footer-actions';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { useRoute } from '../shell/use-route';
import { useCurrentSite } from './current-site-context';
import { SiteFormFields } from './site-form-fields';
import { emptySiteForm } from './site-form-model';
import { useSiteForm } from './use-site-form';

/** Creates another site from anywhere, switches to it and opens its first scan. */
export function NewSiteDialog({ onClose }: { onClose: () => void }) {
  const { selectSite } = useCurrentSite();
  const { navigate } = useRoute();
  const notify = useToast();
  const form = useSiteForm(emptySiteForm(), null, (site) => {
    selectSite(site.id);
    notify({ tone: 'success', text: `Site "${site.name}" created` });
    onClose();
    navigate({ screen: 'scan' });
  });
  return (
    <Dialog
      title="New site"
      description="A client or location with its own inventory, tiers and policy."
      onClose={onClose}
      size="large"
      testId="new-site-dialog"
      footer={<DialogFooterActions formId="new-site-form" onCancel={onClose} pending={form.pending} label="Create site" pendingLabel="Creating…" testId="create-site-submit" />}
    >
      <form
        id="new-site-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit();
        }}
      >
        <SiteFormFields values={form.values} errors={form.errors} onChange={form.setValues} />
        {form.errors.form ? <InlineAlert title="The site was not created">{form.errors.form}</InlineAlert> : null}
      </form>
    </Dialog>
  );
}
