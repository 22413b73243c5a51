/**
 * The apt hosts' shared layer, built once on top of the base: the lab repository as the only apt
 * source, every lab package installed at 1.0 (so 1.1 is pending), lab-conffile's conffile
 * modified as an admin would, no daemons started by package scripts, and reboot shims that ask
 * the lab's supervisor for a simulated reboot.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTool } from '../ssh-lab/run-tool';
import { mount, unmountAllUnder } from './mounts';
import { buildDebRepository, INSTALLED_VERSION, LAB_CONFFILE, LAB_PACKAGES, labPackageVersions } from './test-packages';

/** Where the repository is mounted inside each root, and how apt finds it. */
export const REPO_MOUNT = '/srv/debrepo';
const SOURCES_LINE = `deb [trusted=yes] file:${REPO_MOUNT} ./\n`;

/** The file the reboot shims write; the supervisor acts on it. */
export const REBOOT_REQUEST = '/run/lab-reboot-request';
/** The shutdown/reboot shim every lab host has instead of the real commands. */
export const REBOOT_SHIM = `#!/bin/sh\n# Patchdesk lab: a simulated reboot. The lab's supervisor sees the request, stops sshd,\n# changes the boot id and starts sshd again.\necho "$0 $*" > ${REBOOT_REQUEST}\nexit 0\n`;

/** A fingerprint of the layer's recipe: a changed package or shim rebuilds the cache. */
function recipeHash(): string {
  return createHash('sha256').update(JSON.stringify({ packages: labPackageVersions(), shim: REBOOT_SHIM, sources: SOURCES_LINE, version: 1 })).digest('hex').slice(0, 16);
}

/** Writes `content` to `path` inside `root`, creating folders. */
export function writeInRoot(root: string, path: string, content: string, mode = 0o644): void {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  chmodSync(target, mode);
}

/** What every family's layer has: no daemons started by package scripts, and the reboot shims. */
export function writeHostBasics(root: string): void {
  writeInRoot(root, '/usr/sbin/policy-rc.d', '#!/bin/sh\nexit 101\n', 0o755);
  for (const shim of ['/usr/sbin/reboot', '/usr/sbin/shutdown']) writeInRoot(root, shim, REBOOT_SHIM, 0o755);
}

/** Runs a command inside `root` with a plain, non-interactive environment. */
export function inRoot(root: string, command: string): Promise<{ stdout: string; stderr: string }> {
  return runTool('chroot', [root, '/usr/bin/env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LC_ALL=C', 'DEBIAN_FRONTEND=noninteractive', 'HOME=/root', '/bin/sh', '-c', command]);
}

/** Builds (or reuses) the apt layer at `target` over `base`, with the repository at `repoDir`. */
export async function ensureAptLayer(target: string, base: string, repoDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  const marker = join(target, '..', `${target.split('/').pop() ?? 'apt-layer'}.recipe`);
  const recipe = recipeHash();
  if (existsSync(target) && existsSync(marker) && readFileSync(marker, 'utf8') === recipe && existsSync(join(repoDir, 'Packages'))) return target;
  log('building the lab repository and the apt layer (once; a few seconds)');
  await buildDebRepository(repoDir);

  const work = `${target}.building`;
  await unmountAllUnder(work);
  rmSync(work, { recursive: true, force: true });
  const [upper, scratch, merged] = ['upper', 'work', 'merged'].map((name) => join(work, name)) as [string, string, string];
  for (const dir of [upper, scratch, merged]) mkdirSync(dir, { recursive: true });
  try {
    await mount('-t', 'overlay', 'overlay', '-o', `lowerdir=${base},upperdir=${upper},workdir=${scratch}`, merged);
    await mount('-t', 'proc', 'proc', join(merged, 'proc'));
    mkdirSync(join(merged, REPO_MOUNT), { recursive: true });
    await mount('--bind', '-o', 'ro', repoDir, join(merged, REPO_MOUNT));

    writeInRoot(merged, '/etc/apt/sources.list.d/lab.list', SOURCES_LINE);
    writeHostBasics(merged);
    const pins = LAB_PACKAGES.map((name) => `${name}=${INSTALLED_VERSION}`).join(' ');
    await inRoot(merged, `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${pins} && apt-get clean`);
    // The admin's local edit that makes dpkg ask about the conffile on upgrade.
    appendFileSync(join(merged, LAB_CONFFILE), 'local_change=made by the admin\n');
    mkdirSync(join(merged, 'run/sshd'), { recursive: true });
  } finally {
    await unmountAllUnder(work);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(upper, target);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(marker, recipe);
  return target;
}
