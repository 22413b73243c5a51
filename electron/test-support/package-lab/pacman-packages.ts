/**
 * The lab packages for the pacman hosts: PKGBUILDs of the same five packages at 1.0-1 and
 * 1.1-1, built with makepkg inside the pacman layer's root as `nobody` (makepkg refuses root),
 * and a repository of the 1.1 ones made with repo-add (which keeps one version per name).
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inRoot } from './apt-layer';
import { INSTALLED_VERSION, labPackageVersions, UPDATE_VERSION, type LabPackageVersion } from './test-packages';

/** The pkgrel of every lab package. */
export const PACMAN_RELEASE = '1';
/** `version-pkgrel` of the installed and the pending lab packages, as `pacman -Q` prints them. */
export const PACMAN_INSTALLED = `${INSTALLED_VERSION}-${PACMAN_RELEASE}`;
export const PACMAN_UPDATE = `${UPDATE_VERSION}-${PACMAN_RELEASE}`;
/** The lab repository's name in pacman.conf and its database file. */
export const PACMAN_REPO_NAME = 'lab';

const NOBODY = 65534;

/** The file name makepkg gives a lab package (Debian's makepkg.conf: PKGEXT='.pkg.tar.gz'). */
export function pacmanPackageFile(name: string, versionRelease: string): string {
  return `${name}-${versionRelease}-any.pkg.tar.gz`;
}

/**
 * The .install script of a package version, or null: lab-postinst-fails 1.1's post_upgrade
 * fails as its Debian postinst does. (pacman has no reboot flag; lab-needs-reboot needs none.)
 */
export function pacmanInstallScript(pkg: LabPackageVersion): string | null {
  if (pkg.name !== 'lab-postinst-fails' || !pkg.postinst) return null;
  const body = pkg.postinst.replace(/^#!.*\n/, '').replace(/^exit 1$/m, 'return 1').trimEnd();
  return `post_install() {\n${body}\n}\n\npost_upgrade() {\n  post_install\n}\n`;
}

/** The PKGBUILD of one package version; its files are copied from the `tree/` folder next to it. */
export function pkgbuild(pkg: LabPackageVersion): string {
  const backup = (pkg.conffiles ?? []).map((path) => `'${path.replace(/^\//, '')}'`);
  return [
    `pkgname=${pkg.name}`,
    `pkgver=${pkg.version}`,
    `pkgrel=${PACMAN_RELEASE}`,
    `pkgdesc='${pkg.description.replace(/'/g, '')}'`,
    'arch=(any)',
    'license=(MIT)',
    // Nothing to strip and no debug package: makepkg would look for `strip` otherwise.
    'options=(!strip !debug)',
    ...(backup.length > 0 ? [`backup=(${backup.join(' ')})`] : []),
    ...(pacmanInstallScript(pkg) ? ['install=lab.install'] : []),
    'package() {',
    '  cp -R --preserve=mode "$startdir/tree/." "$pkgdir/"',
    '}',
    '',
  ].join('\n');
}

/**
 * Builds every lab package version inside `root` (which has makepkg and bsdtar) into the folder
 * mounted at `repoInRoot`, and indexes the 1.1 ones as the `lab` repository.
 */
export async function buildPacmanRepository(root: string, repoInRoot: string): Promise<void> {
  const work = '/tmp/patchdesk-lab-pacman';
  const workOnHost = join(root, work);
  const repoOnHost = join(root, repoInRoot);
  rmSync(workOnHost, { recursive: true, force: true });
  for (const entry of readdirSync(repoOnHost)) rmSync(join(repoOnHost, entry), { recursive: true, force: true });
  const dirs: string[] = [];
  for (const pkg of labPackageVersions()) {
    const dir = `${work}/${pkg.name}-${pkg.version}`;
    for (const file of pkg.files) {
      const target = join(root, dir, 'tree', file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      chmodSync(target, file.mode ?? 0o644);
    }
    writeFileSync(join(root, dir, 'PKGBUILD'), pkgbuild(pkg));
    const script = pacmanInstallScript(pkg);
    if (script) writeFileSync(join(root, dir, 'lab.install'), script);
    dirs.push(dir);
  }
  // makepkg refuses to run as root: the build folders and the output belong to nobody meanwhile.
  await inRoot(root, `chown -R ${NOBODY} ${work} ${repoInRoot}`);
  const builds = dirs.map((dir) => `(cd ${dir} && runuser -u nobody -- env HOME=/tmp PKGDEST=${repoInRoot} makepkg --nodeps --noconfirm -f >/dev/null 2>&1 || { cd ${dir} && runuser -u nobody -- env HOME=/tmp PKGDEST=${repoInRoot} makepkg --nodeps --noconfirm -f >&2; exit 1; })`);
  await inRoot(root, `set -e; ${builds.join('; ')}`);
  const updates = labPackageVersions()
    .filter((pkg) => pkg.version === UPDATE_VERSION)
    .map((pkg) => pacmanPackageFile(pkg.name, PACMAN_UPDATE));
  await inRoot(root, `cd ${repoInRoot} && repo-add -q ${PACMAN_REPO_NAME}.db.tar.gz ${updates.join(' ')}`);
  await inRoot(root, `chown -R 0:0 ${repoInRoot}`);
  rmSync(workOnHost, { recursive: true, force: true });
}
