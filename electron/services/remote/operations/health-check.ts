/**
 * Runs one typed health check on a Linux host over its remote session: the host checks itself
 * (`systemctl is-active`, a listening TCP port read with `ss` or opened with bash's /dev/tcp on
 * 127.0.0.1, an HTTP status fetched with curl or wget), so Patchdesk never connects to the host's
 * address itself. A check whose tool is missing fails closed and says which tool, never passes.
 */
import type { HealthCheck } from '../../../../shared/domain/rollouts/health-check';
import { checkSpec, describeCheck } from '../../../../shared/domain/rollouts/health-check';
import { isRemoteError } from '../executor/remote-error';
import { shellQuote } from '../ssh/shell-quote';
import { runOn, type OperationContext } from './operation-context';

/** Exit code of a check script whose tool is missing on the host (it cannot run: failing closed). */
export const CHECK_CANNOT_RUN = 3;

/** What a check found. */
export interface HealthCheckResult {
  passed: boolean;
  /** The exit code the check ended with (-1: timed out). */
  exitCode: number;
  /** Why it passed or failed, in one line (`exited 3`, `failed: nothing listens on TCP port 443`, `failed closed: ...`). */
  reason: string;
  /** The last lines the check printed. */
  output: string;
}

// Every exit code is an answer: the gate is ours, not the executor's.
const ANY_EXIT = Array.from({ length: 256 }, (_, code) => code);

/** The sh script a check runs on the host; exit 0 passes, {@link CHECK_CANNOT_RUN} means a tool is missing. */
export function healthCheckScript(check: HealthCheck): string {
  switch (check.kind) {
    case 'command':
      return check.command;
    case 'unit': {
      const unit = shellQuote(check.unit);
      return [
        `command -v systemctl >/dev/null 2>&1 || { echo 'systemctl is not on this host: the unit check cannot run' >&2; exit ${CHECK_CANNOT_RUN}; }`,
        `state=$(systemctl is-active ${unit} 2>&1); code=$?`,
        `[ "$code" -eq 0 ] && { echo "unit ${check.unit} is $state"; exit 0; }`,
        `echo "unit ${check.unit} is not active: $state" >&2; exit 1`,
      ].join('\n');
    }
    case 'port': {
      const port = String(check.port);
      return [
        'if command -v ss >/dev/null 2>&1; then',
        `  if ss -Hltn 'sport = :${port}' | grep -q .; then echo 'TCP port ${port} is listening'; exit 0; fi`,
        `  echo 'nothing listens on TCP port ${port}' >&2; exit 1`,
        'fi',
        'if command -v bash >/dev/null 2>&1; then',
        `  if bash -c 'exec 3<>/dev/tcp/127.0.0.1/${port}' 2>/dev/null; then echo 'TCP port ${port} answers on 127.0.0.1'; exit 0; fi`,
        `  echo 'TCP port ${port} does not answer on 127.0.0.1' >&2; exit 1`,
        'fi',
        `echo 'neither ss nor bash is on this host: the port check cannot run' >&2; exit ${CHECK_CANNOT_RUN}`,
      ].join('\n');
    }
    case 'http': {
      const url = shellQuote(check.url);
      const seconds = String(check.timeoutSeconds);
      const want = String(check.expectStatus);
      return [
        'if command -v curl >/dev/null 2>&1; then',
        `  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time ${seconds} ${url}); rc=$?`,
        `  [ "$rc" -eq 0 ] || { echo "curl could not fetch the URL (curl exit $rc)" >&2; exit 1; }`,
        'elif command -v wget >/dev/null 2>&1; then',
        `  code=$(wget -S -O /dev/null -T ${seconds} ${url} 2>&1 | awk '/^ *HTTP\\//{c=$2} END{print c}')`,
        `  [ -n "$code" ] || { echo 'wget could not fetch the URL' >&2; exit 1; }`,
        'else',
        `  echo 'neither curl nor wget is on this host: the http check cannot run' >&2; exit ${CHECK_CANNOT_RUN}`,
        'fi',
        `[ "$code" = '${want}' ] && { echo "HTTP $code"; exit 0; }`,
        `echo "answered HTTP $code, expected ${want}" >&2; exit 1`,
      ].join('\n');
    }
  }
}

/** The check as a step names it: the admin's command itself, or `KIND:VALUE`. */
export function checkLabel(check: HealthCheck): string {
  return check.kind === 'command' ? check.command : checkSpec(check);
}

/** Judges a finished check from its exit code and output. */
export function judgeHealthCheck(check: HealthCheck, output: { stdout: string; stderr: string; exitCode: number }): HealthCheckResult {
  const lines = `${output.stdout}\n${output.stderr}`.split('\n').filter((line) => line.trim() !== '');
  const last = (output.exitCode === 0 ? output.stdout : output.stderr || output.stdout).trim().split('\n').filter(Boolean).at(-1) ?? '';
  const outputTail = lines.slice(-5).join('\n');
  if (output.exitCode === 0) return { passed: true, exitCode: 0, reason: check.kind === 'command' ? 'exited 0' : `passed: ${last || describeCheck(check)}`, output: outputTail };
  if (check.kind === 'command') return { passed: false, exitCode: output.exitCode, reason: `exited ${output.exitCode}`, output: outputTail };
  if (output.exitCode === CHECK_CANNOT_RUN) return { passed: false, exitCode: output.exitCode, reason: `failed closed: ${last || 'a tool the check needs is missing'}`, output: outputTail };
  return { passed: false, exitCode: output.exitCode, reason: `failed: ${last || `exited ${output.exitCode}`}`, output: outputTail };
}

/** Runs the check on the host within its timeout; a timeout fails it, a lost connection is thrown. */
export async function runHealthCheck(context: OperationContext, check: HealthCheck): Promise<HealthCheckResult> {
  try {
    // The script's own tools get the timeout too; the extra seconds let it report before the session is cut.
    const output = await runOn(context, healthCheckScript(check), { timeoutMs: (check.timeoutSeconds + (check.kind === 'command' ? 0 : 5)) * 1000, expectedExitCodes: ANY_EXIT });
    return judgeHealthCheck(check, output);
  } catch (error) {
    if (isRemoteError(error, 'timeout')) return { passed: false, exitCode: -1, reason: check.kind === 'command' ? `timed out after ${check.timeoutSeconds} s` : `failed: timed out after ${check.timeoutSeconds} s`, output: '' };
    throw error;
  }
}
