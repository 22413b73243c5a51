import { useState } from 'react';
import type { Credential } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useSiteAssets } from '../inventory/use-assets';
import { useRoute } from '../shell/use-route';
import { useRequiredSite } from '../sites/current-site-context';
import { AddCredentialDialog } from './add-credential-dialog';
import { BindCredentialDialog } from './bind-credential-dialog';
import { CredentialUsesDialog } from './credential-uses-dialog';
import { CredentialsTable } from './credentials-table';
import { RetireCredentialDialog } from './retire-credential-dialog';
import { UnlockVaultDialog } from './unlock-vault-dialog';
import { useCredentials, useVaultStatus } from './use-credentials';
import { VaultPanel } from './vault-panel';

type Overlay = { kind: 'unlock' } | { kind: 'add' } | { kind: 'bind'; id: number } | { kind: 'uses'; credential: Credential } | { kind: 'retire'; credential: Credential } | null;

/** The vault and the site's credentials: set up or unlock, add, bind to assets or tags, retire, audit use. */
export function CredentialsScreen() {
  const site = useRequiredSite();
  const { navigate } = useRoute();
  const vault = useVaultStatus();
  const credentials = useCredentials(site.id);
  const assets = useSiteAssets(site.id);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const list = credentials.data ?? [];
  const status = vault.data;

  const add = () => setOverlay(status?.unlocked ? { kind: 'add' } : { kind: 'unlock' });

  return (
    <div className="screen" data-testid="credentials-screen">
      <header className="screen__header">
        <div>
          <button type="button" className="link-button back-link" onClick={() => navigate({ screen: 'status', tab: 'overview' })} data-testid="credentials-back">
            <Icon name="chevronRight" size={12} className="icon flip" />
            Patch status
          </button>
          <h1 className="screen__title">Credentials</h1>
          <p className="screen__subtitle muted">How Patchdesk logs in to {site.name}’s hosts. Secrets go in, never come out.</p>
        </div>
        <div className="screen__actions">
          <button type="button" className="button button--primary" disabled={!status?.initialized} title={status && !status.initialized ? 'Create the vault first' : undefined} onClick={add} data-testid="add-credential">
            <Icon name="plus" />
            Add credential
          </button>
        </div>
      </header>
      <div className="screen__body screen__body--scroll">
        <div className="credentials-layout">
          {vault.error && !status ? <InlineAlert title="The vault state could not be read">{errorMessage(vault.error)}</InlineAlert> : null}
          {status ? <VaultPanel status={status} /> : <div className="skeleton-block" aria-busy="true" aria-label="Loading the vault" />}
          <section className="card" aria-labelledby="credentials-title">
            <h2 id="credentials-title" className="card__title">
              Stored credentials
            </h2>
            {credentials.error && !credentials.data ? (
              <InlineAlert title="The credentials could not be loaded">{errorMessage(credentials.error)}</InlineAlert>
            ) : credentials.loading ? (
              <div className="skeleton-block" aria-busy="true" aria-label="Loading credentials" />
            ) : list.length === 0 ? (
              <EmptyState
                icon="lock"
                title="No credentials yet"
                action={
                  status?.initialized ? (
                    <button type="button" className="button button--primary" onClick={add}>
                      Add a credential
                    </button>
                  ) : undefined
                }
              >
                {status?.initialized ? 'Add the SSH or WinRM login Patchdesk should use, then bind it to assets or tags.' : 'Create the vault above first: credentials are stored encrypted in it.'}
              </EmptyState>
            ) : (
              <CredentialsTable
                credentials={list}
                onBind={(credential) => setOverlay({ kind: 'bind', id: credential.id })}
                onUses={(credential) => setOverlay({ kind: 'uses', credential })}
                onRetire={(credential) => setOverlay({ kind: 'retire', credential })}
              />
            )}
          </section>
        </div>
      </div>
      {overlay?.kind === 'unlock' ? <UnlockVaultDialog reason="Adding a credential needs the vault unlocked." onClose={() => setOverlay(null)} onUnlocked={() => setOverlay({ kind: 'add' })} /> : null}
      {overlay?.kind === 'add' ? <AddCredentialDialog siteId={site.id} siteName={site.name} onClose={() => setOverlay(null)} onCreated={(created) => setOverlay({ kind: 'bind', id: created.id })} /> : null}
      {overlay?.kind === 'bind' ? (
        <BindCredentialDialog
          credentials={list}
          assets={assets.data ?? []}
          credentialId={overlay.id}
          onClose={() => setOverlay(null)}
        />
      ) : null}
      {overlay?.kind === 'uses' ? <CredentialUsesDialog credential={overlay.credential} onClose={() => setOverlay(null)} /> : null}
      {overlay?.kind === 'retire' ? <RetireCredentialDialog credential={overlay.credential} onClose={() => setOverlay(null)} /> : null}
    </div>
  );
}
