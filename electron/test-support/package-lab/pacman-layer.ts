/**
 * The pacman hosts' layer (an Arch-like host made of Debian's pacman-package-manager): the lab's
 * pacman repository (built here, with makepkg as nobody) as the only repository, every lab
 * package installed at 1.0-1 with its file kept in pacman's package cache (as a real host keeps
 * what it downloaded: the rollback source), and CheckSpace off (it fails in a chroot).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inRoot, writeHostBasics } from './apt-layer';
import { aptInstallFromMirror, ensureLayer, writeOsRelease } from './layer-build';
import { buildPacmanRepository, PACMAN_INSTALLED, PACMAN_REPO_NAME, pacmanPackageFile, pkgbuild } from './pacman-packages';
import { LAB_PACKAGES, labPackageVersions, modifyLabConffile } from './test-packages';

/** Where the pacman repository is mounted inside the pacman roots. */
export const PACMAN_REPO_MOUNT = '/srv/pacrepo';

/** What an Arch host says about itself. */
export const ARCH_OS_RELEASE = 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\nANSI_COLOR="38;2;23;147;209"\nHOME_URL="https://archlinux.org/"\nLOGO=archlinux-logo\n';

const REPO_SECTION = `\n[${PACMAN_REPO_NAME}]\nSigLevel = Never\nServer = file://${PACMAN_REPO_MOUNT}\n`;
const DEBIAN_PACKAGES = ['pacman-package-manager', 'makepkg', 'libarchive-tools', 'fakeroot'];

function fingerprint(): string {
  return createHash('sha256').update(JSON.stringify({ builds: labPackageVersions().map(pkgbuild), os: ARCH_OS_RELEASE, repo: REPO_SECTION, debian: DEBIAN_PACKAGES, version: 1 })).digest('hex').slice(0, 16);
}

/** Builds (or reuses) the pacman layer at `target` over `base`, writing the pacman repository into `repoDir`. */
export async function ensurePacmanLayer(target: string, base: string, repoDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  return ensureLayer({
    target,
    lowerDirs: [base],
    fingerprint: fingerprint(),
    alsoRequires: [join(repoDir, `${PACMAN_REPO_NAME}.db.tar.gz`)],
    binds: [{ source: repoDir, target: PACMAN_REPO_MOUNT, readOnly: false }],
    build: async (root) => {
      log('building the pacman layer and the lab pacman repository (once; about 30 s)');
      await aptInstallFromMirror(root, DEBIAN_PACKAGES);
      await buildPacmanRepository(root, PACMAN_REPO_MOUNT);
      const conf = join(root, 'etc/pacman.conf');
      // In a chroot pacman cannot measure the mount and refuses with "not enough free disk space".
      writeFileSync(conf, `${readFileSync(conf, 'utf8').replace(/^CheckSpace/m, '#CheckSpace')}${REPO_SECTION}`);
      writeOsRelease(root, ARCH_OS_RELEASE);
      writeHostBasics(root);
      const installed = LAB_PACKAGES.map((name) => pacmanPackageFile(name, PACMAN_INSTALLED));
      await inRoot(root, `pacman -U --noconfirm ${installed.map((file) => `${PACMAN_REPO_MOUNT}/${file}`).join(' ')} >/dev/null`);
      const cache = join(root, 'var/cache/pacman/pkg');
      mkdirSync(cache, { recursive: true });
      for (const file of installed) copyFileSync(join(root, PACMAN_REPO_MOUNT, file), join(cache, file));
      modifyLabConffile(root);
    },
  });
}
