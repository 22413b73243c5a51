/**
 * The `patchdesk` command. Every command goes through the same dispatcher and contract as the
 * desktop app and the browser host. Exit codes: 0 success, 1 failure, 2 bad usage or bad input;
 * each failure is one clear line on stderr.
 */
import { resolveDataDir } from '../core/data-dir';
import { DatabaseOpenError } from '../db/database';
import { createCliContext } from './cli-context';
import { openCliSession, type CliSession } from './cli-session';
import { CliError, usageError } from './cli-error';
import { ASSETS_USAGE, runAssetsCommand } from './commands/assets.command';
import { IMPORT_USAGE, runImportCommand } from './commands/import.command';
import { COLLECT_USAGE, runCollectCommand, runStatusCommand } from './commands/collect.command';
import { collectScriptCommand, COLLECT_SCRIPT_USAGE } from './commands/collect-script.command';
import { CREDENTIAL_USAGE, runCredentialCommand } from './commands/credential.command';
import { CYCLE_USAGE, runCycleCommand } from './commands/cycle.command';
import { EVIDENCE_USAGE, runEvidenceCommand } from './commands/evidence.command';
import { EXCEPTION_USAGE, runExceptionCommand } from './commands/exception.command';
import { INTEL_USAGE, runIntelCommand } from './commands/intel.command';
import { OWNER_USAGE, runOwnerCommand } from './commands/owner.command';
import { PARSE_USAGE, runParseCommand } from './commands/parse.command';
import { ROLLOUT_USAGE, runRolloutCommand } from './commands/rollout.command';
import { runVaultCommand, VAULT_USAGE } from './commands/vault.command';
import { isPackVerification, runVerifyCommand, runVerifyPackCommand, VERIFY_USAGE } from './commands/verify.command';
import { defaultSecretReader, type SecretReader } from './secret-input';
import { createTerminalIo, type TerminalIo } from './terminal-output';
import { forTerminal } from './terminal-text';
import { runScanCommand, SCAN_USAGE } from './commands/scan.command';
import { runSiteCommand, SITE_USAGE } from './commands/site.command';
import { runTriageCommand, TRIAGE_USAGE } from './commands/triage.command';
import { POLICY_USAGE, runPolicyCommand } from './commands/policy.command';

const USAGE = `Patchdesk: patch management for small IT shops.

Usage:
  ${SITE_USAGE.split('\n').join('\n  ')}
  ${SCAN_USAGE}
  ${IMPORT_USAGE.split('\n').join('\n  ')}
  ${ASSETS_USAGE.split('\n').join('\n  ')}
  ${VAULT_USAGE.split('\n').join('\n  ')}
  ${CREDENTIAL_USAGE.split('\n').join('\n  ')}
  ${COLLECT_USAGE.split('\n').join('\n  ')}
  ${COLLECT_SCRIPT_USAGE}
  ${PARSE_USAGE.split('\n').join('\n  ')}
  ${EXCEPTION_USAGE.split('\n').join('\n  ')}
  ${CYCLE_USAGE.split('\n').join('\n  ')}
  ${ROLLOUT_USAGE.split('\n').join('\n  ')}
  ${EVIDENCE_USAGE.split('\n').join('\n  ')}
  ${VERIFY_USAGE.split('\n').join('\n  ')}
  ${POLICY_USAGE.split('\n').join('\n  ')}
  ${TRIAGE_USAGE}
  ${INTEL_USAGE.split('\n').join('\n  ')}
  ${OWNER_USAGE}

Global options:
  --data-dir DIR   use this data folder (default: PATCHDESK_DATA_DIR, else the per-user app data folder)
  --help           show this help`;

/** Splits off the global --data-dir option wherever it stands. */
export function extractGlobalOptions(argv: readonly string[]): { dataDir: string | undefined; help: boolean; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--data-dir') {
      dataDir = argv[++index];
      if (dataDir === undefined) throw usageError('--data-dir needs a folder');
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else if (arg === '--help' || arg === '-h') help = true;
    else rest.push(arg);
  }
  return { dataDir, help, rest };
}

/** Runs the CLI with the given arguments; returns the exit code. */
export async function runCli(
  argv: readonly string[],
  io: TerminalIo = createTerminalIo(),
  secrets: () => SecretReader = defaultSecretReader,
): Promise<number> {
  let session: CliSession | undefined;
  // Everything printed may carry what hosts and files said; one sanitiser covers every line.
  const out = (line: string) => io.out(forTerminal(line));
  const err = (line: string) => io.err(forTerminal(line));
  try {
    const { dataDir, help, rest } = extractGlobalOptions(argv);
    const [command, ...args] = rest;
    if (help || command === undefined || command === 'help') {
      out(USAGE);
      return command === undefined && !help ? 2 : 0;
    }
    if (command === 'parse') {
      await runParseCommand(args, out);
      return 0;
    }
    if (command === 'verify' && isPackVerification(args)) {
      // An auditor verifies a pack without a Patchdesk database; only the data folder's key is peeked at.
      await runVerifyPackCommand(args, out, resolveDataDir(dataDir));
      return 0;
    }
    if (command === 'collect-script') {
      out(collectScriptCommand(args));
      return 0;
    }
    if (!['site', 'scan', 'import', 'assets', 'vault', 'credential', 'collect', 'status', 'verify', 'exception', 'evidence', 'cycle', 'intel', 'triage', 'rollout', 'owner', 'policy'].includes(command)) throw usageError(`unknown command "${command}" (try --help)`);
    session = await openCliSession(resolveDataDir(dataDir));
    const context = createCliContext(session.backend, session.owner, out, err, Boolean(process.stderr.isTTY));
    if (command === 'site') await runSiteCommand(context, args);
    else if (command === 'scan') await runScanCommand(context, args, readStdin);
    else if (command === 'import') await runImportCommand(context, args);
    else if (command === 'assets') await runAssetsCommand(context, args);
    else if (command === 'vault') await runVaultCommand(context, args, secrets());
    else if (command === 'credential') await runCredentialCommand(context, args, secrets());
    else if (command === 'collect') await runCollectCommand(context, args, secrets());
    else if (command === 'verify') await runVerifyCommand(context, args);
    else if (command === 'exception') await runExceptionCommand(context, args);
    else if (command === 'cycle') await runCycleCommand(context, args);
    else if (command === 'rollout') await runRolloutCommand(context, args, secrets());
    else if (command === 'evidence') await runEvidenceCommand(context, args);
    else if (command === 'triage') await runTriageCommand(context, args);
    else if (command === 'policy') await runPolicyCommand(context, args);
    else if (command === 'intel') await runIntelCommand(context, args);
    else if (command === 'owner') await runOwnerCommand(context, args);
    else await runStatusCommand(context, args);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    err(`patchdesk: ${describeError(error)}`);
    return exitCodeOf(error);
  } finally {
    await session?.close();
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n').join('\n  ');
  return String(error);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof DatabaseOpenError) return error.reason === 'corrupt' || error.reason === 'newer_version' ? 2 : 1;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return 2;
  return 1;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
