import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteExecutor, RemoteTarget } from '../executor/remote-executor';
import { RemoteError } from '../executor/remote-error';
import { runAptTransaction } from './apt-transaction';
import type { OperationContext } from './operation-context';

const target: RemoteTarget = { protocol: 'ssh', name: 'web-01', ssh: { host: '127.0.0.1', port: 22, username: 'root', auth: { kind: 'password', password: 'x' }, connectTimeoutMs: 1, commandTimeoutMs: 1 } };

let dir = '';

// dpkg-query and apt-get stand-ins: lab-hello's version lives in a file; apt-get logs each run and sets it (or fails as told).
const DPKG_QUERY = `#!/bin/sh
v=$(cat "$PD_DIR/version")
case "$2" in *Package*) printf 'lab-hello\\t%s\\tii \\n' "$v" ;; *) printf '%s ii ' "$v" ;; esac
`;
const APT_GET = `#!/bin/sh
echo "$*" >> "$PD_DIR/apt-runs"
if [ -f "$PD_DIR/fail" ]; then cat "$PD_DIR/fail" >&2; exit 100; fi
for arg in "$@"; do case "$arg" in lab-hello=*) echo "\${arg#lab-hello=}" > "$PD_DIR/version" ;; esac; done
echo "Setting up lab-hello ..."
`;

/** Runs each command in a local sh with the stand-ins first on PATH, as the host's shell would. */
const localExecutor: RemoteExecutor = {
  async run(_target, command, options) {
    const ran = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin`, PD_DIR: dir } });
    const output = { stdout: ran.stdout, stderr: ran.stderr, exitCode: ran.status ?? -1 };
    if (!(options.expectedExitCodes ?? [0]).includes(output.exitCode)) throw new RemoteError('nonzero_exit', 'web-01', `exit ${output.exitCode}`, output);
    return output;
  },
  async close() {},
};
const context: OperationContext = { executor: localExecutor, target, sudo: false };
const options = { kind: 'upgrade' as const, lockTimeoutSeconds: 0, timeoutMs: 10_000 };
const aptRuns = () => (existsSync(join(dir, 'apt-runs')) ? readFileSync(join(dir, 'apt-runs'), 'utf8').trim().split('\n') : []);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pd-apt-transaction-'));
  writeFileSync(join(dir, 'dpkg-query'), DPKG_QUERY);
  writeFileSync(join(dir, 'apt-get'), APT_GET);
  chmodSync(join(dir, 'dpkg-query'), 0o755);
  chmodSync(join(dir, 'apt-get'), 0o755);
  writeFileSync(join(dir, 'version'), '1.0\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runAptTransaction in one command', () => {
  it('reads dpkg before, runs apt-get, reads dpkg after, and judges the move', async () => {
    const result = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], options);
    expect(result).toMatchObject({ outcome: 'done', moves: [{ name: 'lab-hello', from: '1.0', to: '1.1', after: '1.1', afterStatus: 'ii ' }] });
    expect(result.output?.stdout).toContain('Setting up lab-hello');
    expect(aptRuns()).toHaveLength(1);
  });

  it('does not run apt-get when every target is already in place', async () => {
    writeFileSync(join(dir, 'version'), '1.1\n');
    const result = await runAptTransaction(context, [{ name: 'lab-hello', version: '1.1' }], options);
    expect(result).toEqual({ outcome: 'nothing_to_do', moves: [{ name: 'lab-hello', from: '1.1', to: '1.1', after: '1.1', afterStatus: 'ii ' }], output: null });
    expect(aptRuns()).toEqual([]);
  });

  it('names a version apt-get cannot find, with the state read after the failed run', async () => {
    writeFileSync(join(dir, 'fail'), "E: Version '9.9' for 'lab-hello' was not found\n");
    const result = await runAptTransaction(context, [{ name: 'lab-hello', version: '9.9' }], options);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'version_unavailable', moves: [{ from: '1.0', after: '1.0' }] });
  });
});
