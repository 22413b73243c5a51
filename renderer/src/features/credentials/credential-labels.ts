import type { Credential } from '../../../../shared/contract';

/** Credential kinds as the list shows them. */
export const CREDENTIAL_KIND_LABELS: Record<Credential['kind'], string> = { ssh: 'SSH', winrm: 'WinRM', snmp: 'SNMP' };

/** How a credential logs in. */
export const AUTH_METHOD_LABELS: Record<Credential['authMethod'], string> = {
  key: 'Private key',
  password: 'Password',
  ntlm: 'NTLM',
  basic: 'Basic',
  community: 'Community',
};

/** "3 assets · tags linux, dmz", or a nudge when the credential is used nowhere yet. */
export function bindingSummary(credential: Pick<Credential, 'boundAssetIds' | 'boundTags'>): string {
  const parts: string[] = [];
  if (credential.boundAssetIds.length > 0) parts.push(`${credential.boundAssetIds.length} asset${credential.boundAssetIds.length === 1 ? '' : 's'}`);
  if (credential.boundTags.length > 0) parts.push(`tag${credential.boundTags.length === 1 ? '' : 's'} ${credential.boundTags.join(', ')}`);
  return parts.join(' · ');
}
