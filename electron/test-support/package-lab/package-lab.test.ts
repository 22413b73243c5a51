import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labLayout, type LabLayout } from './lab-layout';
import { mountsUnder } from './mounts';
import { downPackageLab, upPackageLab, type LabManifest } from './package-lab';
import { LAB_PACKAGES } from './test-packages';
import { LAB_TEST_ADDRESSES } from './lab-test-addresses';

// Its own state folder and addresses, so it never meets a lab started by hand; the cache is shared.
const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), 'patchdesk-lab-test-')) };
let lab: LabManifest;

function ssh(address: string, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'ssh',
      ['-i', lab.keyFile, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', `root@${address}`, command],
      { encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const hostAt = (index: number) => {
  const host = lab.hosts[index];
  if (!host) throw new Error(`no lab host ${index}`);
  return host;
};

beforeAll(async () => {
  lab = await upPackageLab(layout, { hosts: 2, families: ['apt'], addressPrefix: LAB_TEST_ADDRESSES.packageLab, rebootDownSeconds: 1 });
}, 600_000);

afterAll(async () => {
  await downPackageLab(layout);
  expect(mountsUnder(layout.stateDir)).toEqual([]);
}, 120_000);

describe('the package lab', () => {
  it('starts hosts with their own name, host key and boot id, reachable as root with the lab key', async () => {
    const answers = await Promise.all(lab.hosts.map((host) => ssh(host.address, 'hostname; cat /proc/sys/kernel/random/boot_id; cat /etc/ssh/ssh_host_ed25519_key.pub')));
    expect(answers.map((answer) => answer.code)).toEqual([0, 0]);
    const [first, second] = answers.map((answer) => answer.stdout.trim().split('\n'));
    expect(first?.[0]).toBe('lab-apt-1');
    expect(second?.[0]).toBe('lab-apt-2');
    expect(first?.[1]).not.toBe(second?.[1]);
    expect(first?.[2]).not.toBe(second?.[2]);
  });

  it('has every lab package installed at 1.0 with 1.1 pending from the lab repository only', async () => {
    const { code, stdout } = await ssh(hostAt(0).address, 'LC_ALL=C apt-get -s -qq dist-upgrade');
    expect(code).toBe(0);
    const pending = [...stdout.matchAll(/^Inst (\S+) \[1\.0\] \(1\.1 Patchdesk lab:lab/gm)].map((match) => match[1]).sort();
    expect(pending).toEqual([...LAB_PACKAGES].sort());
  });

  it('reproduces the failures real upgrades meet: a conffile prompt on a closed stdin, and a failing postinst', async () => {
    const conffile = await ssh(hostAt(1).address, 'LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get install -y -q lab-conffile </dev/null 2>&1');
    expect(conffile.code).toBe(100);
    expect(conffile.stdout).toMatch(/end of file on stdin at conffile prompt/);
    const postinst = await ssh(hostAt(1).address, 'LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get install -y -q lab-postinst-fails </dev/null 2>&1');
    expect(postinst.code).toBe(100);
    expect(postinst.stdout).toMatch(/configuration failed on purpose/);
  });

  it('acts out a reboot: the reboot-required flag goes, the boot id changes and sshd comes back', async () => {
    const host = hostAt(0);
    const install = await ssh(host.address, 'LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get install -y -q lab-needs-reboot </dev/null >/dev/null 2>&1 && test -f /run/reboot-required && cat /proc/sys/kernel/random/boot_id');
    expect(install.code).toBe(0);
    const before = install.stdout.trim();
    await ssh(host.address, 'reboot');
    // Waits on the event itself (a new boot id answering over ssh); only the test's own timeout
    // bounds it, so a slow machine waits longer instead of failing.
    let after = before;
    while (after === before || after === '') {
      const answer = await ssh(host.address, 'cat /proc/sys/kernel/random/boot_id; test ! -e /run/reboot-required');
      after = answer.code === 0 ? answer.stdout.trim() : '';
      if (after === before || after === '') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(after).not.toBe(before);
    expect(after).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(join(host.dir, 'reboots.log'), 'utf8')).toMatch(/reboot lab-apt-1/);
  }, 120_000);
});
