/**
 * dnf's own record of a transaction (`dnf history info last`): its id, return code, the packages
 * it altered and the scriptlet output. dnf exits 0 when an RPM %post fails (execution.md fact 3);
 * this record, which still says `Return-Code : Success`, keeps the scriptlet's failure.
 */
import { RemoteError } from '../executor/remote-error';
import { DNF_HISTORY_LAST_COMMAND } from './dnf-command';
import { runOn, type OperationContext } from './operation-context';

/** One line of `Packages Altered:`. */
export interface DnfAlteredPackage {
  /** `Upgrade`, `Upgraded`, `Install`, `Downgrade`, `Downgraded`, `Removed`, `Reinstall`, ... */
  action: string;
  nevra: string;
  /** `@lab`, or `@@System` for the version that was replaced. */
  repo: string;
}

/** One transaction as dnf recorded it. */
export interface DnfTransactionRecord {
  id: number;
  returnCode: string;
  commandLine: string;
  altered: DnfAlteredPackage[];
  scriptletOutput: string[];
  /** A scriptlet failed (the `EE` flag of `dnf history list`). */
  scriptletFailed: boolean;
}

const SCRIPTLET_FAILURE = /scriptlet failed|Error in \S+ scriptlet/i;

/** Parses `dnf history info` output; null when the host has no transaction yet; throws `unparseable` on anything else. */
export function parseDnfHistoryInfo(host: string, stdout: string): DnfTransactionRecord | null {
  const id = /^Transaction ID\s*:\s*(\d+)/m.exec(stdout);
  if (!id) {
    if (/No transaction/i.test(stdout) || stdout.trim() === '') return null;
    throw new RemoteError('unparseable', host, `dnf history on ${host} has no transaction id: ${JSON.stringify(stdout.slice(0, 120))}`);
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(stdout)?.[1]?.trim() ?? '';
  const lines = stdout.split('\n');
  const altered: DnfAlteredPackage[] = [];
  const scriptletOutput: string[] = [];
  let section: 'none' | 'altered' | 'scriptlet' = 'none';
  for (const line of lines) {
    if (/^Packages Altered:/.test(line)) section = 'altered';
    else if (/^Scriptlet output:/.test(line)) section = 'scriptlet';
    else if (/^\S/.test(line)) section = 'none';
    else if (section === 'altered') {
      const match = /^\s+(\S+)\s+(\S+)\s+(@\S+)/.exec(line);
      if (match) altered.push({ action: match[1] ?? '', nevra: match[2] ?? '', repo: match[3] ?? '' });
    } else if (section === 'scriptlet') {
      const match = /^\s+\d+\s?(.*)$/.exec(line);
      if (match) scriptletOutput.push(match[1] ?? '');
    }
  }
  return {
    id: Number(id[1]),
    returnCode: field('Return-Code'),
    commandLine: field('Command Line'),
    altered,
    scriptletOutput,
    scriptletFailed: scriptletOutput.some((line) => SCRIPTLET_FAILURE.test(line)),
  };
}

/**
 * The host's latest dnf transaction; null when it has none, or when another dnf holds the lock
 * (exit 200: the run being judged then fails on the lock itself, and its output still carries
 * any scriptlet error).
 */
export async function dnfLastTransaction(context: OperationContext, timeoutMs = 60_000): Promise<DnfTransactionRecord | null> {
  const output = await runOn(context, DNF_HISTORY_LAST_COMMAND, { timeoutMs, expectedExitCodes: [0, 1, 200] });
  if (output.exitCode === 200) return null;
  return parseDnfHistoryInfo(context.target.name, output.stdout);
}
