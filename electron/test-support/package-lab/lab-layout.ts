/**
 * Where the package lab keeps its files. The cache (base root filesystem, the apt layer, the
 * local repository) is built once and reused by every later `lab up`; the state folder holds one
 * running lab (its hosts, mounts and processes) and is emptied by `lab down`.
 */
import { join } from 'node:path';

/** The folders of one lab installation. */
export interface LabLayout {
  /** Built once, reused: `base-bookworm/` (mmdebstrap minbase), one layer per family, and the repositories. */
  cacheDir: string;
  /** One running lab: `lab.json`, `hosts/<name>/`, the key pair and the reboot supervisor. */
  stateDir: string;
}

/** The default layout, overridable with PATCHDESK_LAB_CACHE and PATCHDESK_LAB_STATE. */
export function labLayout(env: NodeJS.ProcessEnv = process.env): LabLayout {
  return {
    cacheDir: env.PATCHDESK_LAB_CACHE ?? '/var/cache/patchdesk-lab',
    stateDir: env.PATCHDESK_LAB_STATE ?? '/run/patchdesk-lab',
  };
}

/** The cached pieces, by name. */
export function cachePaths(layout: LabLayout) {
  return {
    base: join(layout.cacheDir, 'base-bookworm'),
    aptLayer: join(layout.cacheDir, 'apt-layer'),
    debRepo: join(layout.cacheDir, 'debrepo'),
    dnfLayer: join(layout.cacheDir, 'dnf-layer'),
    zypperLayer: join(layout.cacheDir, 'zypper-layer'),
    rpmRepo: join(layout.cacheDir, 'rpmrepo'),
    pacmanLayer: join(layout.cacheDir, 'pacman-layer'),
    pacmanRepo: join(layout.cacheDir, 'pacrepo'),
  };
}

/** The running lab's pieces, by name. */
export function statePaths(layout: LabLayout) {
  return {
    manifest: join(layout.stateDir, 'lab.json'),
    hosts: join(layout.stateDir, 'hosts'),
    key: join(layout.stateDir, 'lab_key'),
    supervisorScript: join(layout.stateDir, 'reboot-supervisor.sh'),
    supervisorPid: join(layout.stateDir, 'reboot-supervisor.pid'),
  };
}
