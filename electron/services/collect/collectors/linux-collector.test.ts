import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { HostCollection } from '../../../../shared/contract/patch-status';
import type { SshSession } from '../../remote/ssh';
import { collectLinux, type CommandRunner } from './linux-collector';
import { parseLinuxCollection } from './linux-collection.parser';
import { LINUX_COLLECTOR_SCRIPT } from './linux-collector.script';
import { parseOsRelease } from './os-release';

const onDebian = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-query');
const C = { ...process.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: '' };

function sh(command: string, args: string[], input?: string): string {
  const r = spawnSync(command, args, { input, env: C, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  if (r.error) throw r.error;
  return r.stdout;
}

const localRunner: CommandRunner & { calls: Array<{ command: string; stdin?: string }> } = {
  calls: [],
  run(command, options) {
    this.calls.push({ command, ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}) });
    return new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', command], { env: C });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? 128 }));
      child.stdin.end(options?.stdin ?? '');
    });
  },
};

describe.skipIf(!onDebian)('the Linux collector on this Debian machine', () => {
  const aptInst = sh('apt-get', ['-s', '-qq', '-o', 'Debug::NoLocking=true', 'dist-upgrade'])
    .split('\n')
    .filter((l) => l.startsWith('Inst '));
  const dpkgRows = sh('dpkg-query', ['-W', '-f', '${db:Status-Abbrev}\n']).split('\n').filter(Boolean);
  const osRelease = parseOsRelease(readFileSync('/etc/os-release', 'utf8'));

  it('agrees with apt, dpkg-query and os-release', async () => {
    const result = await collectLinux(localRunner, { timeoutMs: 300_000, collectedAt: new Date().toISOString() });
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    const v = result.value;
    expect(HostCollection.safeParse(v).success).toBe(true);
    expect(localRunner.calls[0]).toEqual({ command: 'LC_ALL=C LANG=C LANGUAGE= sh -s', stdin: LINUX_COLLECTOR_SCRIPT });
    expect(v).toMatchObject({ platform: 'linux', method: 'ssh', packageManager: 'apt', hostname: sh('uname', ['-n']).trim() });
    expect(v.os).toEqual({ id: osRelease.get('ID'), name: osRelease.get('PRETTY_NAME'), version: osRelease.get('VERSION_ID'), build: sh('uname', ['-r']).trim() });
    expect(v.pending.filter((u) => u.kind !== 'remove')).toHaveLength(aptInst.length);
    expect(v.pending.filter((u) => u.security)).toHaveLength(aptInst.filter((l) => /-security|Debian-Security:/.test(l)).length);
    expect(v.installed).toHaveLength(dpkgRows.length);
    expect(v.installedCount).toBe(dpkgRows.filter((s) => s.startsWith('ii')).length);
    expect(v.uptimeSeconds).toBeGreaterThan(0);
    expect(v.lastPatchedAt).not.toBeNull();
  });

  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/sbin/runuser'))('works as an unprivileged user', () => {
    const out = sh('runuser', ['-u', 'nobody', '--', 'sh', '-s'], LINUX_COLLECTOR_SCRIPT);
    const r = parseLinuxCollection(out, { collectedAt: new Date().toISOString(), method: 'ssh' });
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    expect(r.value.pending.filter((u) => u.kind !== 'remove')).toHaveLength(aptInst.length);
    expect(r.value.installed).toHaveLength(dpkgRows.length);
  });

  it("reads each apt Release file's Date as apt wrote it, and dates upgrades by their archive's file", () => {
    const out = sh('sh', ['-s'], LINUX_COLLECTOR_SCRIPT);
    const r = parseLinuxCollection(out, { collectedAt: new Date().toISOString(), method: 'ssh' });
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    const lists = '/var/lib/apt/lists';
    const files = readdirSync(lists).filter((name) => /_(In)?Release$/.test(name));
    const expected = new Map(
      files.map((name) => {
        const text = readFileSync(`${lists}/${name}`, 'utf8');
        const field = (key: string) => new RegExp(`^${key}: (.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
        return [field('Suite'), new Date(Date.parse(field('Date'))).toISOString()];
      }),
    );
    expect(r.value.warnings.filter((w) => /Release|apt-release-dates/.test(w))).toEqual([]);
    for (const update of r.value.pending.filter((u) => u.kind === 'upgrade')) {
      const dates = update.repository.split(', ').map((archive) => expected.get(archive)).filter((d): d is string => d !== undefined);
      if (dates.length === 0) expect(update).not.toHaveProperty('publishedAt');
      else expect(update).toMatchObject({ publishedAt: dates.sort()[0], publishedBasis: 'repository_date' });
    }
  });

  it('prints every section with its exit code and reads nothing from stdin', () => {
    const out = sh('sh', ['-s'], `${LINUX_COLLECTOR_SCRIPT.replace(/\nexit 0\n$/, '\n')}echo this-line-must-not-be-swallowed\n`);
    const names = [...out.matchAll(/^=== patchdesk section=([a-z-]+) exit=(\d+) run=[0-9a-f]+ ===$/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['os-release', 'kernel-release', 'machine', 'hostname', 'uptime', 'package-manager', 'kernels', 'reboot-files', 'apt-simulate', 'dpkg-query', 'last-patch', 'apt-release-dates']));
    expect(out).toMatch(/^# patchdesk-collection v1 platform=linux run=[0-9a-f]{16}$/m);
    expect(out).toMatch(/^=== patchdesk end run=[0-9a-f]{16} ===\nthis-line-must-not-be-swallowed\n$/m);
  });
});

describe('collectLinux', () => {
  it('accepts the SSH executor session', () => {
    expectTypeOf<SshSession>().toExtend<CommandRunner>();
  });

  it('maps executor errors to their collection codes', async () => {
    const failing = (error: unknown): CommandRunner => ({ run: () => Promise.reject(error) });
    const timeout = Object.assign(new Error('command on x did not finish'), { code: 'timeout' });
    expect(await collectLinux(failing(timeout), { timeoutMs: 1000 })).toEqual({ ok: false, code: 'timeout', message: 'command on x did not finish' });
    expect(await collectLinux(failing(new TypeError('boom')), { timeoutMs: 1000 })).toMatchObject({ ok: false, code: 'internal' });
  });

  it('explains a script that died before printing a collection', async () => {
    const runner: CommandRunner = { run: async () => ({ stdout: '', stderr: 'sh: 1: cannot create /dev/null: Read-only\n', exitCode: 2 }) };
    const r = await collectLinux(runner, { timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, code: 'unparseable', message: expect.stringMatching(/exited 2: sh: 1: cannot create/) });
  });
});
