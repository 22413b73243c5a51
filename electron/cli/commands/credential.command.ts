/**
 * `patchdesk credential add|list`. Secrets come from a prompt or from stdin (one per line, after
 * the master passphrase when the vault is locked), never from arguments; a private key comes
 * from a file.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CredentialSecrets } from '../../../shared/contract/credentials';
import { resolveAsset, resolveSite, type CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import type { SecretReader } from '../secret-input';
import { formatTable } from '../table';
import { ensureVaultUnlocked } from '../vault-unlock';

export const CREDENTIAL_USAGE = `patchdesk credential add NAME --kind ssh|winrm|snmp [--site NAME | --all-sites] [--user USER]
    [--auth key|password|ntlm|basic|community] [--key-file PATH] [--key-passphrase] [--sudo]
    [--bind-tag TAG]... [--bind-asset HOST]...
patchdesk credential list [--site NAME] [--json]
patchdesk credential bind|unbind CREDENTIAL --site NAME [--asset HOST]... [--tag TAG]...`;

/** Runs a `credential` subcommand. */
export async function runCredentialCommand(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') return addCredential(context, rest, secrets);
  if (action === 'list') return listCredentials(context, rest);
  if (action === 'bind' || action === 'unbind') return changeBindings(context, action, rest);
  throw usageError(`Usage:\n${CREDENTIAL_USAGE}`);
}

async function addCredential(context: CliContext, args: string[], secrets: SecretReader): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      site: { type: 'string' },
      'all-sites': { type: 'boolean' },
      user: { type: 'string' },
      auth: { type: 'string' },
      'key-file': { type: 'string' },
      'key-passphrase': { type: 'boolean' },
      sudo: { type: 'boolean' },
      'bind-tag': { type: 'string', multiple: true },
      'bind-asset': { type: 'string', multiple: true },
    },
  });
  const name = positionals.join(' ').trim();
  const kind = values.kind;
  if (!name || (kind !== 'ssh' && kind !== 'winrm' && kind !== 'snmp')) throw usageError(`Usage:\n${CREDENTIAL_USAGE}`);
  const site = values['all-sites'] ? null : await resolveSite(context, values.site);
  const auth = values.auth ?? { ssh: values['key-file'] ? 'key' : 'password', winrm: 'ntlm', snmp: 'community' }[kind];
  await ensureVaultUnlocked(context, secrets);

  let secret: CredentialSecrets;
  if (auth === 'key') {
    if (!values['key-file']) throw usageError('--auth key needs --key-file PATH (the private key file)');
    const privateKey = await readFile(values['key-file'], 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw usageError(`cannot read the key file ${values['key-file']}: ${error.code ?? error.message}`);
    });
    const passphrase = values['key-passphrase'] ? await secrets.read('Key passphrase: ') : undefined;
    const sudoPassword = values.sudo ? await secrets.read('sudo password: ') : undefined;
    secret = { authMethod: 'key', privateKey, ...(passphrase ? { passphrase } : {}), ...(sudoPassword ? { sudoPassword } : {}) };
  } else if (auth === 'password') {
    const password = await secrets.read('Password: ');
    const sudoPassword = values.sudo ? await secrets.read('sudo password: ') : undefined;
    secret = { authMethod: 'password', password, ...(sudoPassword ? { sudoPassword } : {}) };
  } else if (auth === 'ntlm' || auth === 'basic') {
    secret = { authMethod: auth, password: await secrets.read('Password: ') };
  } else if (auth === 'community') {
    secret = { authMethod: 'community', community: await secrets.read('SNMP community: ') };
  } else throw usageError(`--auth must be key, password, ntlm, basic or community (got "${auth}")`);

  const created = await context.call('credentials:create', { siteId: site?.id ?? null, name, kind, username: values.user ?? '', secrets: secret });
  const assetIds: number[] = [];
  for (const name of values['bind-asset'] ?? []) {
    if (!site) throw usageError('--bind-asset needs --site');
    assetIds.push((await resolveAsset(context, site, name, '--bind-asset')).id);
  }
  if (assetIds.length > 0 || (values['bind-tag'] ?? []).length > 0) await context.call('credentials:bind', { credentialId: created.id, assetIds, tags: values['bind-tag'] ?? [] });
  context.out(`Stored credential "${created.name}" (${created.kind}, ${created.authMethod}${created.keyFingerprint ? `, key ${created.keyFingerprint}` : ''}).`);
}

/** Adds or removes the assets and tags a credential is used on; the credential is named by id or name. */
async function changeBindings(context: CliContext, action: 'bind' | 'unbind', args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { site: { type: 'string' }, asset: { type: 'string', multiple: true }, tag: { type: 'string', multiple: true } } });
  const wanted = positionals.join(' ').trim();
  const tags = values.tag ?? [];
  if (!wanted || ((values.asset ?? []).length === 0 && tags.length === 0)) throw usageError(`credential ${action} needs a credential and at least one --asset or --tag`);
  const site = await resolveSite(context, values.site);
  const credentials = await context.call('credentials:list', { siteId: site.id });
  const credential = credentials.find((item) => String(item.id) === wanted) ?? credentials.find((item) => item.name === wanted);
  if (!credential) throw usageError(`no credential "${wanted}" is usable on site "${site.name}" (see "patchdesk credential list")`);
  const assetIds: number[] = [];
  for (const name of values.asset ?? []) assetIds.push((await resolveAsset(context, site, name, '--asset')).id);
  const updated = await context.call(action === 'bind' ? 'credentials:bind' : 'credentials:unbind', { credentialId: credential.id, assetIds, tags });
  const boundTo = [...updated.boundTags.map((tag) => `#${tag}`), ...updated.boundAssetIds.map((id) => `asset ${id}`)].join(' ') || 'nothing';
  context.out(`Credential "${updated.name}" is now bound to: ${boundTo}.`);
}

async function listCredentials(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, json: { type: 'boolean' } } });
  const site = await resolveSite(context, values.site);
  const credentials = await context.call('credentials:list', { siteId: site.id });
  if (values.json) return context.out(JSON.stringify(credentials, null, 2));
  if (credentials.length === 0) return context.out('No credentials yet. Add one with "patchdesk credential add NAME --kind ssh --user USER".');
  context.out(
    formatTable(
      ['ID', 'NAME', 'KIND', 'AUTH', 'USER', 'BOUND TO', 'LAST USED'],
      credentials.map((item) => [String(item.id), item.name, item.kind, item.authMethod, item.username, [...item.boundTags.map((tag) => `#${tag}`), ...item.boundAssetIds.map((id) => `asset ${id}`)].join(' '), item.lastUsedAt ?? 'never']),
    ),
  );
}
