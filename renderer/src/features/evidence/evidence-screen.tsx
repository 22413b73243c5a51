import { useEffect, useRef, useState } from 'react';
import type { EvidencePackRecord } from '../../../../shared/contract/evidence';
import { errorMessage } from '../../api/api-client-error';
import { InlineAlert } from '../../components/inline-alert';
import { formatCount } from '../../lib/format';
import type { EvidenceTab } from '../shell/route';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { BrandingForm } from './branding-form';
import { BuildPackTab } from './build-pack-tab';
import { presetOf, presetRange, todayIn, type DayRange, type EvidencePeriodPreset } from './evidence-period';
import { defaultEvidencePeriod } from '../../../../shared/domain/evidence/default-period';
import { PacksTab } from './packs-tab';
import { SigningKeyCard } from './signing-key-card';
import { useBranding, useDefaultPeriod, useEvidencePacks, useSigningKey } from './use-evidence';
import { VerifyTab } from './verify-tab';

const TABS: { tab: EvidenceTab; label: string }[] = [
  { tab: 'build', label: 'Build a pack' },
  { tab: 'packs', label: 'Exported packs' },
  { tab: 'verify', label: 'Verify a pack' },
  { tab: 'settings', label: 'Branding & key' },
];

/**
 * Step 6: the evidence pack. One signed file per period for the client's auditor or insurer:
 * build it (with a preview first), find the packs already handed out, check a pack, and set the
 * branding and signing key it carries.
 */
export function EvidenceScreen({ tab }: { tab: EvidenceTab }) {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const today = todayIn(site.timezone, Date.now());
  const defaultPeriod = useDefaultPeriod(site.id);
  const packs = useEvidencePacks(site.id);
  // Only the packs tab needs the key here; the verify tab must not create one (an auditor's install stays keyless).
  const signingKey = useSigningKey(tab === 'packs');

  // The period and the last export live here, so switching tabs keeps them.
  const [range, setRange] = useState<DayRange>(() => defaultEvidencePeriod(Date.now(), Date.parse(site.createdAt), site.timezone));
  const [preset, setPreset] = useState<EvidencePeriodPreset>(() => presetOf(range, today));
  const [touched, setTouched] = useState(false);
  const [exported, setExported] = useState<EvidencePackRecord | null>(null);

  // The host's default (the same shared rule) wins over the browser's guess: their clocks may
  // disagree near midnight.
  const hostDefault = defaultPeriod.data;
  useEffect(() => {
    if (!touched && hostDefault) {
      setRange((current) => (current.from === hostDefault.from && current.to === hostDefault.to ? current : { from: hostDefault.from, to: hostDefault.to }));
      setPreset(presetOf(hostDefault, today));
    }
  }, [touched, hostDefault, today]);

  const choosePreset = (next: EvidencePeriodPreset) => {
    setTouched(true);
    setPreset(next);
    if (next !== 'custom') setRange(presetRange(next, today));
  };

  const typeRange = (next: DayRange) => {
    setTouched(true);
    setRange(next);
    setPreset(presetOf(next, today));
  };

  const packCount = packs.data?.length;

  // The tabs share one scrolling body: a tab opens at its top, not where the last one was left.
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 });
  }, [tab]);

  return (
    <div className="screen" data-testid="evidence-screen">
      <header className="screen__header">
        <div>
          <p className="eyebrow">Step 6 · Evidence</p>
          <h1 className="screen__title">Evidence pack</h1>
          <p className="screen__subtitle muted">One signed file for {site.name}’s auditor or insurer: a PDF report, the same data as CSV and JSON, and SHA-256 hashes signed with this installation’s key.</p>
        </div>
      </header>
      <nav className="tabs evidence-tabs" aria-label="Evidence sections">
        {TABS.map((entry) => (
          <button key={entry.tab} type="button" className="tabs__tab" aria-current={tab === entry.tab ? 'page' : undefined} onClick={() => navigate({ screen: 'evidence', tab: entry.tab })} data-testid={`evidence-tab-${entry.tab}`}>
            {entry.label}
            {entry.tab === 'packs' && packCount !== undefined ? (
              <span className="tabs__count" data-testid="evidence-tab-packs-count">
                {formatCount(packCount)}
              </span>
            ) : null}
          </button>
        ))}
      </nav>

      <div ref={bodyRef} className="screen__body screen__body--scroll evidence-body">
        {tab === 'build' ? (
          <BuildPackTab
            siteId={site.id}
            timeZone={site.timezone}
            today={today}
            preset={preset}
            range={range}
            exported={exported}
            onPreset={choosePreset}
            onRange={typeRange}
            onExported={setExported}
            onNavigate={navigate}
          />
        ) : null}
        {tab === 'packs' ? <PacksTab siteId={site.id} timeZone={site.timezone} installationFingerprint={signingKey.data?.fingerprint} onBuild={() => navigate({ screen: 'evidence', tab: 'build' })} /> : null}
        {tab === 'verify' ? <VerifyTab timeZone={site.timezone} /> : null}
        {tab === 'settings' ? <SettingsTab siteName={site.name} /> : null}
      </div>
    </div>
  );
}

/** Branding and signing key, side by side. */
function SettingsTab({ siteName }: { siteName: string }) {
  const branding = useBranding();
  const signingKey = useSigningKey();
  return (
    <div className="evidence-settings">
      {branding.data ? (
        // Remount after a save, so the form starts from what the host stored.
        <BrandingForm key={branding.data.updatedAt ?? 'unset'} saved={branding.data} siteName={siteName} />
      ) : branding.error ? (
        <InlineAlert title="The branding could not be loaded">{errorMessage(branding.error)}</InlineAlert>
      ) : (
        <div className="card" aria-busy="true" aria-label="Loading the branding">
          <div className="skeleton-block" />
        </div>
      )}
      {signingKey.data ? (
        <SigningKeyCard signingKey={signingKey.data} />
      ) : signingKey.error ? (
        <InlineAlert title="The signing key could not be read">{errorMessage(signingKey.error)}</InlineAlert>
      ) : (
        <div className="card" aria-busy="true" aria-label="Loading the signing key">
          <div className="skeleton-block" />
        </div>
      )}
    </div>
  );
}
