import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYumCheckUpdate } from './yum-check-update.parser';
import { withCpuTime } from '../../../test-support/cpu-time';
import { gzippedText } from '../../../test-support/binary-garbage';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function parsed(stdout: string, exitCode: number | undefined = 100, stderr?: string) {
  const r = parseYumCheckUpdate({ stdout, exitCode, stderr });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('yum-check-update on real captures', () => {
  it('RHEL 7: 16 rows (2 wrapped) + 1 obsoleting replacement that is not in the main list', () => {
    const v = parsed(fixture('osconfig_rhel-7.yum-check-update.stdout'));
    expect(v.updates).toHaveLength(17);
    expect(v.updates.find((u) => u.name === 'google-compute-engine-oslogin')).toMatchObject({ availableVersion: '1:20240415.00-g1.el7', repository: 'google-compute-engine', arch: 'x86_64' });
    expect(v.updates.find((u) => u.name === 'redhat-support-lib-python')).toMatchObject({ arch: 'noarch', availableVersion: '0.14.0-1.el7_9' });
    expect(v.updates.find((u) => u.name === 'google-cloud-cli')).toMatchObject({ kind: 'new', availableVersion: '519.0.0-1', installedVersion: null });
    expect(v.updates.filter((u) => u.name === 'google-cloud-sdk')).toEqual([expect.objectContaining({ availableVersion: '468.0.0-1' })]);
    expect(v.replaced).toEqual([{ name: 'google-cloud-sdk', arch: 'x86_64', version: '455.0.0-1', repository: 'google-cloud-sdk', replacedBy: 'google-cloud-cli.x86_64' }]);
    expect(v.updates.every((u) => u.security === null)).toBe(true);
    expect(v.warnings).toEqual([]);
  });

  it('CentOS 7: 41 rows (1 wrapped) + 1 obsoleting, mirror header and stderr mirror errors ignored', () => {
    const v = parsed(fixture('osconfig_centos-7.yum-check-update.stdout'), 100, fixture('osconfig_centos-7.yum-check-update.stderr'));
    expect(v.updates).toHaveLength(42);
    expect(v.updates.filter((u) => u.kind === 'new').map((u) => u.name)).toEqual(['google-cloud-cli']);
    expect(v.updates.find((u) => u.name === 'bind-export-libs')?.availableVersion).toBe('32:9.11.4-26.P2.el7_9.16');
    expect(v.updates.some((u) => u.name === 'base:' || u.name === '*')).toBe(false);
    expect(v.warnings).toEqual([]);
  });

  it('Oracle Linux 8: 73 rows; all 7 obsoleting pairs name packages already in the main list', () => {
    const v = parsed(fixture('osconfig_oracle-linux-8.yum-check-update.stdout'));
    expect(v.updates).toHaveLength(73);
    expect(v.replaced).toHaveLength(7);
    expect(v.updates.find((u) => u.name === 'kernel-headers')?.availableVersion).toBe('4.18.0-553.50.1.el8_10');
    expect(v.updates.find((u) => u.name === 'bpftool')?.repository).toBe('ol8_UEKR7');
    expect(v.warnings).toEqual([]);
  });

  it('Rocky 8: 184 rows; 16 obsoleting pairs add nothing; Security: footers ignored', () => {
    const v = parsed(fixture('osconfig_rocky-8.yum-check-update.stdout'));
    expect(v.updates).toHaveLength(184);
    expect(v.replaced).toHaveLength(16);
    expect(v.updates.some((u) => u.name.startsWith('Security'))).toBe(false);
    expect(v.warnings).toEqual([]);
  });
});

describe('yum-check-update grammar', () => {
  it('joins a row wrapped after the version and keeps the highest obsoleting version', () => {
    const v = parsed(
      [
        'Loaded plugins: product-id, search-disabled-repos, subscription-',
        '              : manager',
        '',
        'This system is not registered with an entitlement server.',
        '',
        'a-very-long-package-name-for-testing.x86_64 1.0-1.el9',
        '                                            appstream',
        'Obsoleting Packages',
        'newpkg.noarch 2.0-1 baseos',
        '    oldpkg.noarch 1.0-1 @System',
        'newpkg.noarch 2.1-1 baseos',
        '    oldpkg.noarch 1.0-1 @System',
        'kernel-headers.x86_64 5.0-2 baseos',
        '    kernel-headers.x86_64 5.0-1 @System',
      ].join('\n'),
    );
    expect(v.updates.map((u) => [u.name, u.availableVersion, u.repository, u.kind, u.installedVersion])).toEqual([
      ['a-very-long-package-name-for-testing', '1.0-1.el9', 'appstream', 'upgrade', null],
      ['newpkg', '2.1-1', 'baseos', 'new', null],
      ['kernel-headers', '5.0-2', 'baseos', 'upgrade', '5.0-1'],
    ]);
    expect(v.replaced).toHaveLength(3);
  });

  it('accepts translated banners with non-ASCII bytes, CRLF and colour', () => {
    const v = parsed('Modules complémentaires chargés : fastestmirror\r\n\r\n\u001b[1mcurl.x86_64\u001b[0m  7.29.0-59.el7_9.2  updates\r\n');
    expect(v.updates.map((u) => u.name)).toEqual(['curl']);
  });

  it('reads dnf5 check-upgrade with its repository banner', () => {
    const v = parsed('Updating and loading repositories:\nRepositories loaded.\ncurl.x86_64  8.6.0-10.fc40  updates\nlibcurl.x86_64  8.6.0-10.fc40  updates\n');
    expect(v.updates.map((u) => u.name)).toEqual(['curl', 'libcurl']);
    expect(v.warnings).toEqual([]);
  });

  it('treats exit 0 with plugin messages around the banners as no updates, keeping the messages as warnings', () => {
    const v = parsed(fixture('handmade_centos-7.yum-check-update-none-plugin-warnings.stdout'), 0);
    expect(v.updates).toEqual([]);
    expect(v.warnings).toEqual(['ignored a message: Determining fastest mirrors', 'ignored a message: Repodata is over 2 weeks old. Install yum-cron? Or run: yum makecache fast']);
    const dnf = 'Updating Subscription Management repositories.\nUnable to read consumer identity\n\nThis system is not registered with an entitlement server. You can use subscription-manager to register.\n\nWaiting for process with pid 4242 to finish.\nLast metadata expiration check: 0:01:02 ago on Mon 07 Dec 2026 10:00:00 UTC.\n';
    expect(parsed(dnf, 0)).toMatchObject({ updates: [], warnings: ['ignored a message: Waiting for process with pid 4242 to finish.'] });
  });

  it('still fails exit 0 text that is not yum output, or that mentions packages it cannot read', () => {
    expect(parseYumCheckUpdate({ stdout: 'Determining fastest mirrors\n', exitCode: 0 }).ok).toBe(false);
    expect(parseYumCheckUpdate({ stdout: 'Loaded plugins: fastestmirror\nsomething odd about bash.x86_64 here\n', exitCode: 0 }).ok).toBe(false);
  });

  it('treats exit 0 with banners only as no updates', () => {
    expect(parsed('Last metadata expiration check: 0:05:17 ago on Mon 28 Apr 2025.\n', 0).updates).toEqual([]);
    expect(parsed('', 0).updates).toEqual([]);
  });

  it('stays linear on a multi-megabyte capture', () => {
    const rows = Array.from({ length: 80_000 }, (_, i) => `package-number-${i}.x86_64   1.${i}-1.el9   appstream`).join('\n');
    const { value, cpuMs } = withCpuTime(() => parsed(rows));
    expect(value.updates).toHaveLength(80_000);
    expect(cpuMs).toBeLessThan(5_000);
  });
});

describe('yum-check-update errors', () => {
  it('rejects exit 1, exit 100 without rows and garbage', () => {
    expect(parseYumCheckUpdate({ stdout: '', stderr: 'Error: Failed to download metadata for repo', exitCode: 1 })).toEqual({ ok: false, error: expect.stringContaining('exit code 1') });
    expect(parseYumCheckUpdate({ stdout: 'Loaded plugins: fastestmirror\n', exitCode: 100 }).ok).toBe(false);
    expect(parseYumCheckUpdate({ stdout: 'Segmentation fault (core dumped) in module xyz\n' }).ok).toBe(false);
    expect(parseYumCheckUpdate({ stdout: '\u0000\u0001garbage garbage garbage' }).ok).toBe(false);
    const binary = parseYumCheckUpdate({ stdout: gzippedText(fixture('osconfig_rocky-8.yum-check-update.stdout')), exitCode: 0 });
    expect(binary).toEqual({ ok: false, error: expect.stringMatching(/binary data, not text/) });
  });
});
