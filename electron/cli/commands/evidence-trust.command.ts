/**
 * `patchdesk evidence trust add|list|remove`: the keys, besides this installation's, whose
 * evidence packs `patchdesk verify` and the Evidence step accept. Trust a key only after
 * comparing its fingerprint with the issuer by phone or mail: anyone can sign a pack.
 */
import { parseArgs } from 'node:util';
import { parseSigningFingerprint } from '../../../shared/domain/evidence/signing-fingerprint';
import type { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { siteTime } from '../site-time';
import { formatTable } from '../table';

export const EVIDENCE_TRUST_USAGE = `patchdesk evidence trust add FINGERPRINT --name TEXT [--json]
patchdesk evidence trust list [--json]
patchdesk evidence trust remove FINGERPRINT`;

/** Runs `evidence trust ...`. */
export async function runEvidenceTrustCommand(context: CliContext, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'add') return addSigner(context, rest);
  if (action === 'list') return listSigners(context, rest);
  if (action === 'remove') return removeSigner(context, rest);
  throw usageError(`Usage:\n${EVIDENCE_TRUST_USAGE}`);
}

async function addSigner(context: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, json: { type: 'boolean' } } });
  const fingerprint = fingerprintArgument(positionals, 'add');
  if (values.name === undefined || values.name.trim() === '') throw usageError(`say whose key this is with --name TEXT\nUsage:\n${EVIDENCE_TRUST_USAGE}`);
  const signer = await context.call('evidence:trustSigner', { fingerprint, name: values.name });
  if (values.json) return context.out(JSON.stringify(signer, null, 2));
  context.out(`Trusted ${signer.fingerprint} as "${signer.name}": packs it signed now verify here.`);
}

async function listSigners(context: CliContext, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const signers = await context.call('evidence:trustedSigners', {});
  if (values.json) return context.out(JSON.stringify(signers, null, 2));
  if (signers.length === 0) {
    context.out("No trusted signers: only packs signed with this installation's key (or pinned with --key) verify here.");
    return;
  }
  context.out(formatTable(['FINGERPRINT', 'NAME', 'ADDED BY', 'ADDED (UTC)'], signers.map((signer) => [signer.fingerprint, signer.name, signer.addedBy, siteTime(signer.addedAt, 'UTC')])));
}

async function removeSigner(context: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const fingerprint = fingerprintArgument(positionals, 'remove');
  await context.call('evidence:untrustSigner', { fingerprint });
  context.out(`No longer trusted: ${fingerprint}. Packs it signed now fail verification here.`);
}

/** The one FINGERPRINT argument, checked here so a mistyped one is named before anything happens. */
function fingerprintArgument(positionals: readonly string[], action: string): string {
  if (positionals.length !== 1) throw usageError(`evidence trust ${action} needs one FINGERPRINT (SHA256:..., as "patchdesk evidence key" prints it)\nUsage:\n${EVIDENCE_TRUST_USAGE}`);
  const parsed = parseSigningFingerprint(positionals[0] as string);
  if (!parsed.ok) throw usageError(parsed.message);
  return parsed.fingerprint;
}
