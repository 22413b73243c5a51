import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { SiteTime } from '../../components/site-time';
import { FeedsPanel } from '../intel-feeds/feeds-panel';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from './current-site-context';
import { SiteFormFields } from './site-form-fields';
import { siteToForm } from './site-form-model';
import { useSiteForm } from './use-site-form';

/** Edits the current site: name, networks, time zone, contact and notes. */
export function SiteSettingsScreen() {
  const site = useRequiredSite();
  // Remount per site so switching sites never shows the previous site's draft.
  return <SiteSettingsForm key={`${site.id}-${site.updatedAt}`} />;
}

function SiteSettingsForm() {
  const site = useRequiredSite();
  const notify = useToast();
  const { navigate } = useRoute();
  const form = useSiteForm(siteToForm(site), site, (saved) => notify({ tone: 'success', text: `Saved "${saved.name}"` }));
  return (
    <div className="screen" data-testid="site-settings-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Site settings</p>
          <h1 className="screen__title">{site.name}</h1>
          <p className="screen__subtitle muted">Created <SiteTime at={site.createdAt} /> · last changed <SiteTime at={site.updatedAt} /></p>
        </div>
        <div className="screen__actions">
          <button type="button" className="button" onClick={() => navigate({ screen: 'credentials' })} data-testid="site-settings-credentials">
            <Icon name="lock" />
            Credentials
          </button>
        </div>
      </header>
      <div className="screen__body screen__body--scroll">
        <form
          className="card card--narrow"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit();
          }}
        >
          <SiteFormFields values={form.values} errors={form.errors} onChange={form.setValues} showNotes />
          {form.errors.form ? <InlineAlert title="The site was not saved">{form.errors.form}</InlineAlert> : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={form.reset} disabled={form.pending}>
              Discard changes
            </button>
            <button type="submit" className="button button--primary" disabled={form.pending} data-testid="site-settings-save">
              {form.pending ? 'Saving…' : 'Save site'}
            </button>
          </div>
        </form>
        {/* The feeds serve every site of this installation; they are imported and aged here. */}
        <FeedsPanel />
      </div>
    </div>
  );
}
