import { describe, expect, it } from 'vitest';
import { labReleaseSpec, rpmSpec, updateInfoXml } from './rpm-packages';
import { labPackageVersions } from './test-packages';

const version = (name: string, v: string) => {
  const pkg = labPackageVersions().find((entry) => entry.name === name && entry.version === v);
  if (!pkg) throw new Error(`no ${name} ${v}`);
  return pkg;
};

describe('lab RPMs', () => {
  it('gives lab-postinst-fails 1.1 a failing %post and lab-conffile a %config(noreplace) file', () => {
    const failing = rpmSpec(version('lab-postinst-fails', '1.1'), '/t');
    expect(failing).toMatch(/^%post\necho "lab-postinst-fails: configuration failed on purpose" >&2\nexit 1$/m);
    expect(rpmSpec(version('lab-postinst-fails', '1.0'), '/t')).not.toMatch(/%post/);
    expect(rpmSpec(version('lab-conffile', '1.1'), '/t')).toMatch(/^%config\(noreplace\) \/etc\/lab-conffile\.conf$/m);
  });

  it('asks for a reboot on RPM hosts the way libzypp reads it, not with a Debian flag file', () => {
    const spec = rpmSpec(version('lab-needs-reboot', '1.1'), '/t');
    expect(spec).toMatch(/^Provides: installhint\(reboot-needed\)$/m);
    expect(spec).not.toMatch(/reboot-required/);
  });

  it('provides what a Debian root lacks in the rpmdb (pitfall 3)', () => {
    expect(labReleaseSpec()).toMatch(/Provides: \/bin\/sh\nProvides: system-release\nProvides: system-release\(releasever\) = 9/);
  });

  it('writes the advisories with their severity, reference and reboot flag', () => {
    const xml = updateInfoXml();
    expect(xml).toMatch(/<update from="lab@patchdesk.invalid" status="stable" type="security" version="1">\n {4}<id>PDLAB-2026:0001<\/id>/);
    expect(xml).toMatch(/<severity>Important<\/severity>/);
    expect(xml).toMatch(/<reference href="https:\/\/patchdesk.invalid\/CVE-2026-0001" id="CVE-2026-0001" type="cve"/);
    expect(xml).toMatch(/<package name="lab-needs-reboot" version="1.1" release="1" epoch="0" arch="noarch"><filename>lab-needs-reboot-1.1-1.noarch.rpm<\/filename><reboot_suggested>True<\/reboot_suggested><\/package>/);
  });
});
