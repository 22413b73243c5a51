/**
 * Builds the exact string sent in an SSH `exec` request and reads sudo's verdict back out of the
 * result. Secrets never go into the string: the sudo password travels on stdin (`sudo -S`), and
 * only after sudo has printed its prompt, so a sudoers rule without a password cannot pass it on
 * to the command's stdin.
 */
import { randomBytes } from 'node:crypto';
import { shellQuote } from './shell-quote';

// sshd may refuse SetEnv/AcceptEnv, so the locale is forced on the command line; parsers rely on C output.
const C_LOCALE = 'env LC_ALL=C LANG=C LANGUAGE=';

/** A command ready for `exec`, plus what is needed to interpret its output. */
export interface PreparedCommand {
  /** The string for the SSH exec request. */
  line: string;
  /** Printed to stderr once sudo has let the command start; absent without sudo. */
  sudoMarker?: string;
  /** sudo's password prompt on stderr; absent unless a sudo password was given. */
  sudoPrompt?: string;
}

/** How sudo's attempt ended, judged from stderr. */
export type SudoOutcome =
  | { kind: 'ran'; stderr: string }
  | { kind: 'wrong_password' }
  | { kind: 'password_required' }
  | { kind: 'requires_tty' }
  | { kind: 'refused'; reason: string };

/** The exec string for `command`, optionally under sudo with the password fed on stdin. */
export function prepareCommand(command: string, sudo?: { password?: string }): PreparedCommand {
  if (!sudo) return { line: `${C_LOCALE} sh -c ${shellQuote(command)}` };
  const nonce = randomBytes(8).toString('hex');
  const sudoMarker = `patchdesk-sudo-ok-${nonce}`;
  const sudoPrompt = `patchdesk-sudo-prompt-${nonce}:`;
  // The marker proves sudo authenticated; running the command as "$1" keeps its syntax errors apart from sudo's.
  const inner = `printf '%s\\n' ${sudoMarker} >&2; exec sh -c "$1"`;
  const sudoArgs = sudo.password === undefined ? '-n -k' : `-S -p ${shellQuote(sudoPrompt)} -k`;
  const line = `${C_LOCALE} sudo ${sudoArgs} -- ${C_LOCALE} sh -c ${shellQuote(inner)} patchdesk-sudo ${shellQuote(command)}`;
  return sudo.password === undefined ? { line, sudoMarker } : { line, sudoMarker, sudoPrompt };
}

/** Whether sudo ran the command and, if so, the command's own stderr. */
export function sudoOutcome(stderr: string, marker: string, prompt?: string): SudoOutcome {
  const at = stderr.indexOf(`${marker}\n`);
  if (at !== -1) return { kind: 'ran', stderr: stderr.slice(at + marker.length + 1) };
  if (prompt) stderr = stderr.split(prompt).join('');
  if (/must have a tty|terminal is required/i.test(stderr)) return { kind: 'requires_tty' };
  if (/incorrect password|Sorry, try again/i.test(stderr)) return { kind: 'wrong_password' };
  if (/a password is required|no password was provided/i.test(stderr)) return { kind: 'password_required' };
  const firstLine = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? 'no reason given';
  return { kind: 'refused', reason: firstLine.slice(0, 200) };
}
