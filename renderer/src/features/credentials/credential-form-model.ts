import type { CredentialCreate, CredentialKind } from '../../../../shared/contract';

/** Everything the add-credential form holds, secrets included (they never leave this dialog but to the host). */
export interface CredentialFormValues {
  name: string;
  kind: CredentialKind;
  /** SSH only. */
  sshAuth: 'key' | 'password';
  /** WinRM only. */
  winrmAuth: 'ntlm' | 'basic';
  username: string;
  privateKey: string;
  keyPassphrase: string;
  password: string;
  sudoPassword: string;
  community: string;
  /** This site only, or every site. */
  scope: 'site' | 'all';
}

/** The field names the form can flag. */
export type CredentialFormField = 'name' | 'username' | 'privateKey' | 'password' | 'community';

/** A fresh form: SSH with a key, this site only. */
export const EMPTY_CREDENTIAL_FORM: CredentialFormValues = {
  name: '',
  kind: 'ssh',
  sshAuth: 'key',
  winrmAuth: 'ntlm',
  username: '',
  privateKey: '',
  keyPassphrase: '',
  password: '',
  sudoPassword: '',
  community: '',
  scope: 'site',
};

/** The same form with every secret emptied: called after submit, whatever the outcome. */
export function clearSecrets(values: CredentialFormValues): CredentialFormValues {
  return { ...values, privateKey: '', keyPassphrase: '', password: '', sudoPassword: '', community: '' };
}

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]+-----END [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * Checks the form and builds the create request. Only the secrets of the chosen kind and
 * method are sent: a password typed before switching to "key" must not travel along.
 */
export function buildCredentialRequest(
  values: CredentialFormValues,
  siteId: number,
): { ok: true; request: CredentialCreate } | { ok: false; errors: Partial<Record<CredentialFormField, string>> } {
  const errors: Partial<Record<CredentialFormField, string>> = {};
  const name = values.name.trim();
  const username = values.username.trim();
  if (!name) errors.name = 'Give it a name you will recognise, e.g. "Linux servers (patchdesk user)".';
  if (values.kind !== 'snmp' && !username) errors.username = values.kind === 'winrm' ? 'Enter DOMAIN\\user or user@domain.' : 'Enter the SSH user name.';
  let secrets: CredentialCreate['secrets'];
  if (values.kind === 'ssh' && values.sshAuth === 'key') {
    if (!values.privateKey.trim()) errors.privateKey = 'Paste the private key or choose the key file.';
    else if (!PRIVATE_KEY.test(values.privateKey)) errors.privateKey = 'This does not look like a private key: it should start with "-----BEGIN … PRIVATE KEY-----".';
    secrets = { authMethod: 'key', privateKey: `${values.privateKey.replace(/\r\n/g, '\n').trim()}\n`, ...(values.keyPassphrase ? { passphrase: values.keyPassphrase } : {}), ...(values.sudoPassword ? { sudoPassword: values.sudoPassword } : {}) };
  } else if (values.kind === 'ssh') {
    if (!values.password) errors.password = 'Enter the password.';
    secrets = { authMethod: 'password', password: values.password, ...(values.sudoPassword ? { sudoPassword: values.sudoPassword } : {}) };
  } else if (values.kind === 'winrm') {
    if (!values.password) errors.password = 'Enter the password.';
    secrets = { authMethod: values.winrmAuth, password: values.password };
  } else {
    if (!values.community) errors.community = 'Enter the community string.';
    secrets = { authMethod: 'community', community: values.community };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { siteId: values.scope === 'site' ? siteId : null, name, kind: values.kind, username: values.kind === 'snmp' ? '' : username, secrets } };
}

/** Splits a tag list typed as "linux, web servers; dmz" into tags. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((tag) => tag.trim()).filter(Boolean))];
}
