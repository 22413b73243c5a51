/** A last line of defence: no message leaving the executor may contain a credential, whatever built it. */
import type { SshTarget } from './ssh-target';

/** Every secret a target (and its jump hosts) carries. */
export function targetSecrets(target: SshTarget): string[] {
  const secrets: string[] = [];
  for (let hop: SshTarget | undefined = target; hop; hop = hop.jumpHost) {
    if (hop.auth.kind === 'password') secrets.push(hop.auth.password);
    else {
      secrets.push(hop.auth.privateKey);
      if (hop.auth.passphrase) secrets.push(hop.auth.passphrase);
    }
    if (hop.sudoPassword) secrets.push(hop.sudoPassword);
  }
  // Very short values would redact ordinary words; such secrets are not secret anyway.
  return secrets.filter((secret) => secret.length >= 4);
}

/** `text` with every secret replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join('[redacted]');
  return result;
}
