import { InlineAlert } from '../../components/inline-alert';
import { useRoute } from '../shell/use-route';
import { useCurrentSite } from './current-site-context';
import { SiteFormFields } from './site-form-fields';
import { emptySiteForm } from './site-form-model';
import { useSiteForm } from './use-site-form';

const FIRST_STEPS = [
  { title: 'Create a site', text: 'One client or one location, with the networks it uses.' },
  { title: 'Run your first scan', text: 'Find every host that answers on those networks.' },
  { title: 'Review what was found', text: 'Accept what you manage, dismiss what you do not.' },
  { title: 'Classify risk tiers', text: 'Decide what gets patched first, and how fast.' },
];

/** First run: explains the path and creates the first site, then goes straight to its first scan. */
export function WelcomeScreen() {
  const { selectSite } = useCurrentSite();
  const { navigate } = useRoute();
  const form = useSiteForm(emptySiteForm(), null, (site) => {
    selectSite(site.id);
    navigate({ screen: 'scan' });
  });

  return (
    <main className="welcome" data-testid="welcome-screen">
      <section className="welcome__intro">
        <p className="eyebrow">Welcome to Patchdesk</p>
        <h1 className="welcome__title">Know every host, patch what matters first.</h1>
        <p className="welcome__lead">Start with the site you are looking after. You can add more sites later from the top bar.</p>
        <ol className="welcome__steps">
          {FIRST_STEPS.map((step, index) => (
            <li key={step.title} className={index === 0 ? 'is-current' : ''}>
              <span className="welcome__step-number">{index + 1}</span>
              <div>
                <strong>{step.title}</strong>
                <span>{step.text}</span>
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section className="welcome__form card" aria-labelledby="welcome-form-title">
        <h2 id="welcome-form-title" className="card__title">
          Create your first site
        </h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit();
          }}
        >
          <SiteFormFields values={form.values} errors={form.errors} onChange={form.setValues} />
          {form.errors.form ? <InlineAlert title="The site was not created">{form.errors.form}</InlineAlert> : null}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={form.pending} data-testid="create-site-submit">
              {form.pending ? 'Creating…' : 'Create site and continue'}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
