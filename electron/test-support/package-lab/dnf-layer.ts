/**
 * The dnf hosts' layer (a Rocky-9-like host made of Debian's own dnf): rpm's database where dnf
 * and rpm both look, `lab-release` installed first, dnf-plugins-core's `local` plugin off, the lab
 * RPM repository (built here, in this root) as the only repository, and every lab package at 1.0.
 * The five pitfalls of execution.md §7 are fixed in this order; see each step.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inRoot, writeHostBasics, writeInRoot } from './apt-layer';
import { aptInstallFromMirror, ensureLayer, writeOsRelease } from './layer-build';
import { buildRpmRepository, labReleaseSpec, labRpmSpecs, LAB_ADVISORIES, LAB_RELEASE_PACKAGE, prepareRpmDatabase, RPM_INSTALLED, rpmSpec, updateInfoXml } from './rpm-packages';
import { LAB_PACKAGES, labPackageVersions, modifyLabConffile } from './test-packages';

/** Where the RPM repository is mounted inside the dnf and zypper roots. */
export const RPM_REPO_MOUNT = '/srv/rpmrepo';

/** What a Rocky 9 host says about itself; detection code reads this, not the packages. */
export const ROCKY_OS_RELEASE = 'NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:rocky:rocky:9::baseos"\nHOME_URL="https://rockylinux.org/"\n';

const DNF_REPO = `[lab]\nname=Patchdesk lab\nbaseurl=file://${RPM_REPO_MOUNT}\nenabled=1\ngpgcheck=0\nmetadata_expire=0\n`;
const DEBIAN_PACKAGES = ['dnf', 'dnf-plugins-core', 'createrepo-c', 'rpm'];

/** The dnf layer's recipe (and so the RPM repository's): the zypper layer is rebuilt when it changes. */
export function dnfLayerFingerprint(): string {
  const specs = labPackageVersions().map((pkg) => rpmSpec(pkg, 'x'));
  return createHash('sha256').update(JSON.stringify({ specs, release: labReleaseSpec(), advisories: LAB_ADVISORIES, updateinfo: updateInfoXml(), os: ROCKY_OS_RELEASE, repo: DNF_REPO, debian: DEBIAN_PACKAGES, version: 1 })).digest('hex').slice(0, 16);
}

/** Builds (or reuses) the dnf layer at `target` over `base`, writing the RPM repository into `repoDir`. */
export async function ensureDnfLayer(target: string, base: string, repoDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  return ensureLayer({
    target,
    lowerDirs: [base],
    fingerprint: dnfLayerFingerprint(),
    alsoRequires: [join(repoDir, 'repodata/repomd.xml')],
    binds: [{ source: repoDir, target: RPM_REPO_MOUNT, readOnly: false }],
    build: async (root) => {
      log('building the dnf layer and the lab RPM repository (once; about a minute)');
      await aptInstallFromMirror(root, DEBIAN_PACKAGES);
      // Pitfall 2: one rpm database, in /var/lib/rpm, before the first install.
      await prepareRpmDatabase(root);
      await buildRpmRepository(root, RPM_REPO_MOUNT);
      // Pitfall 4: the local plugin's own repository has gpgcheck on and no keys.
      const localConf = join(root, 'etc/dnf/plugins/local.conf');
      writeFileSync(localConf, readFileSync(localConf, 'utf8').replace(/^enabled\s*=.*$/m, 'enabled = 0'));
      writeInRoot(root, '/etc/yum.repos.d/lab.repo', DNF_REPO);
      writeOsRelease(root, ROCKY_OS_RELEASE);
      writeHostBasics(root);
      // Pitfall 3: release version and /bin/sh come from lab-release, installed first.
      await inRoot(root, `dnf -y -q --releasever=9 install ${LAB_RELEASE_PACKAGE} && dnf -y -q install ${labRpmSpecs(LAB_PACKAGES, RPM_INSTALLED).join(' ')} && dnf clean all -q`);
      modifyLabConffile(root);
    },
  });
}
