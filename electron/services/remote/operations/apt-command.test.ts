import { describe, expect, it } from 'vitest';
import { aptGetCommand, aptLockHolder } from './apt-command';

describe('aptGetCommand', () => {
  it('pins versions, keeps conffiles, waits for the lock and never prompts', () => {
    const command = aptGetCommand('upgrade', [{ name: 'openssl', version: '3.0.15-1~deb12u1' }, { name: 'lab-hello' }], { lockTimeoutSeconds: 300 });
    expect(command).toBe(
      'DEBIAN_FRONTEND=noninteractive DEBIAN_PRIORITY=critical NEEDRESTART_MODE=l LC_ALL=C apt-get install --only-upgrade -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300 openssl=3.0.15-1~deb12u1 lab-hello </dev/null',
    );
  });

  it('allows downgrades only for a rollback, and simulates without changing anything', () => {
    expect(aptGetCommand('downgrade', [{ name: 'lab-hello', version: '1.0' }], { lockTimeoutSeconds: 30 })).toContain('--allow-downgrades');
    expect(aptGetCommand('upgrade', [{ name: 'lab-hello', version: '1.1' }], { lockTimeoutSeconds: 30 })).not.toContain('--allow-downgrades');
    expect(aptGetCommand('simulate-upgrade', [{ name: 'lab-hello', version: '1.1' }], { lockTimeoutSeconds: 0 })).toContain('apt-get -s install --only-upgrade');
  });

  it('refuses names and versions that could carry shell syntax, and an empty list', () => {
    expect(() => aptGetCommand('upgrade', [{ name: 'x; rm -rf /' }], { lockTimeoutSeconds: 1 })).toThrow(/not a valid package name/);
    expect(() => aptGetCommand('upgrade', [{ name: 'ok', version: '1.0$(id)' }], { lockTimeoutSeconds: 1 })).toThrow(/not a valid version of ok/);
    expect(() => aptGetCommand('upgrade', [], { lockTimeoutSeconds: 1 })).toThrow(/no packages/);
  });
});

describe('aptLockHolder', () => {
  it('names the process apt-get says holds the lock', () => {
    const output = 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 29826 (apt-get)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?';
    expect(aptLockHolder(output)).toEqual({ pid: 29826, process: 'apt-get' });
    expect(aptLockHolder('E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?')).toEqual({ pid: 0, process: 'unknown' });
    expect(aptLockHolder('Setting up lab-hello (1.1) ...')).toBeNull();
  });
});
