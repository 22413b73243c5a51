/**
 * The zypper hosts' layer (a SLES-like host made of Debian's own zypper), separate from the dnf
 * one because Debian's dnf-plugins-core and zypper both ship /usr/bin/needs-restarting
 * (execution.md §7 pitfall 1). The same RPM repository as the dnf hosts (built by the dnf layer),
 * with its advisories as zypper patches, and every lab package at 1.0.
 */
import { createHash } from 'node:crypto';
import { inRoot, writeHostBasics, writeInRoot } from './apt-layer';
import { RPM_REPO_MOUNT } from './dnf-layer';
import { aptInstallFromMirror, ensureLayer, writeOsRelease } from './layer-build';
import { LAB_RELEASE_PACKAGE, prepareRpmDatabase, RPM_INSTALLED } from './rpm-packages';
import { LAB_PACKAGES, modifyLabConffile } from './test-packages';

/** What a SLES 15 SP5 host says about itself. */
export const SLES_OS_RELEASE = 'NAME="SLES"\nVERSION="15-SP5"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp5"\n';

const ZYPPER_REPO = `[lab]\nname=Patchdesk lab\nbaseurl=file://${RPM_REPO_MOUNT}\nenabled=1\nautorefresh=1\ngpgcheck=0\ntype=rpm-md\n`;
const DEBIAN_PACKAGES = ['zypper', 'rpm'];

function fingerprint(repoFingerprint: string): string {
  return createHash('sha256').update(JSON.stringify({ os: SLES_OS_RELEASE, repo: ZYPPER_REPO, debian: DEBIAN_PACKAGES, rpmRepo: repoFingerprint, version: 1 })).digest('hex').slice(0, 16);
}

/**
 * Builds (or reuses) the zypper layer at `target` over `base`, with the RPM repository at
 * `repoDir` (built with the dnf layer, whose recipe `repoFingerprint` names).
 */
export async function ensureZypperLayer(target: string, base: string, repoDir: string, repoFingerprint: string, log: (line: string) => void = () => undefined): Promise<string> {
  return ensureLayer({
    target,
    lowerDirs: [base],
    fingerprint: fingerprint(repoFingerprint),
    binds: [{ source: repoDir, target: RPM_REPO_MOUNT, readOnly: true }],
    build: async (root) => {
      log('building the zypper layer (once; about 20 s)');
      await aptInstallFromMirror(root, DEBIAN_PACKAGES);
      await prepareRpmDatabase(root);
      writeInRoot(root, '/etc/zypp/repos.d/lab.repo', ZYPPER_REPO);
      writeOsRelease(root, SLES_OS_RELEASE);
      writeHostBasics(root);
      const pins = LAB_PACKAGES.map((name) => `${name}=${RPM_INSTALLED}`).join(' ');
      await inRoot(root, `zypper --non-interactive --quiet install ${LAB_RELEASE_PACKAGE} && zypper --non-interactive --quiet install ${pins}`);
      modifyLabConffile(root);
    },
  });
}

