/**
 * The package lab: real hosts, each a chroot with its own sshd on a 127.x address, whose package
 * manager (apt, dnf, zypper or pacman, one cached layer per family over one Debian base) sees the
 * lab repository's 1.1 updates for the 1.0 packages it has installed. Built as
 * ../shared/reference/execution.md §7 describes, from the machine's own apt mirror, and removed
 * whole by `downPackageLab`. Needs root (mounts, chroot).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair } from '../ssh-lab/lab-keys';
import { ensureAptLayer, REPO_MOUNT } from './apt-layer';
import { ensureBaseRootfs } from './base-rootfs';
import { withCacheLock } from './cache-lock';
import { dnfLayerFingerprint, ensureDnfLayer, RPM_REPO_MOUNT } from './dnf-layer';
import { LAB_FAMILIES, type LabFamily } from './lab-families';
import { startLabHost, stopLabHost, type LabHost } from './lab-host';
import { cachePaths, statePaths, type LabLayout } from './lab-layout';
import { unmountAllUnder } from './mounts';
import { ensurePacmanLayer, PACMAN_REPO_MOUNT } from './pacman-layer';
import { REBOOT_SUPERVISOR_SCRIPT } from './reboot-supervisor';
import { ensureZypperLayer } from './zypper-layer';

export { LAB_FAMILIES, type LabFamily };

/** What `upPackageLab` builds. */
export interface LabUpOptions {
  hosts: number;
  families: readonly LabFamily[];
  /** The first three octets of the hosts' addresses; host N gets `${prefix}.${10 + N}`. */
  addressPrefix?: string;
  /** Seconds a host stays down during a simulated reboot. */
  rebootDownSeconds?: number;
  log?: (line: string) => void;
}

/** A running lab, as `lab up --json` prints it and `lab.json` keeps it. */
export interface LabManifest {
  stateDir: string;
  keyFile: string;
  hosts: LabHost[];
}

/** Builds what is not cached yet, then starts the hosts; any earlier lab in the same state folder is removed first. */
export async function upPackageLab(layout: LabLayout, options: LabUpOptions): Promise<LabManifest> {
  if (process.getuid?.() !== 0) throw new Error('the package lab needs root: it mounts overlay roots and runs sshd in chroots');
  if (!Number.isInteger(options.hosts) || options.hosts < 1 || options.hosts > 200) throw new Error(`--hosts must be a whole number from 1 to 200 (got ${options.hosts})`);
  const log = options.log ?? (() => undefined);
  await downPackageLab(layout);

  const cache = cachePaths(layout);
  const state = statePaths(layout);
  const families = new Set(options.families);
  if (families.size === 0) throw new Error('--families names no family');
  for (const family of families) if (!(LAB_FAMILIES as readonly string[]).includes(family)) throw new Error(`the lab has no family ${String(family)} (it has ${LAB_FAMILIES.join(', ')})`);
  // Each family's layer is built once and cached; only the families asked for are built.
  const layers = new Map<LabFamily, { layer: string; repo: { source: string; target: string } }>();
  await withCacheLock(layout.cacheDir, async () => {
    await ensureBaseRootfs(cache.base, log);
    if (families.has('apt')) layers.set('apt', { layer: await ensureAptLayer(cache.aptLayer, cache.base, cache.debRepo, log), repo: { source: cache.debRepo, target: REPO_MOUNT } });
    // The zypper hosts use the RPM repository the dnf layer builds.
    if (families.has('dnf') || families.has('zypper')) {
      const dnfLayer = await ensureDnfLayer(cache.dnfLayer, cache.base, cache.rpmRepo, log);
      if (families.has('dnf')) layers.set('dnf', { layer: dnfLayer, repo: { source: cache.rpmRepo, target: RPM_REPO_MOUNT } });
    }
    if (families.has('zypper')) layers.set('zypper', { layer: await ensureZypperLayer(cache.zypperLayer, cache.base, cache.rpmRepo, dnfLayerFingerprint(), log), repo: { source: cache.rpmRepo, target: RPM_REPO_MOUNT } });
    if (families.has('pacman')) layers.set('pacman', { layer: await ensurePacmanLayer(cache.pacmanLayer, cache.base, cache.pacmanRepo, log), repo: { source: cache.pacmanRepo, target: PACMAN_REPO_MOUNT } });
  });

  mkdirSync(state.hosts, { recursive: true, mode: 0o700 });
  const key = await generateKeyPair(state.key, { comment: 'patchdesk-lab' });
  const publicKey = `${key.publicKey}\n`;
  const prefix = options.addressPrefix ?? '127.88.0';
  const hosts: LabHost[] = [];
  try {
    for (let index = 1; index <= options.hosts; index++) {
      const family = options.families[(index - 1) % options.families.length] ?? 'apt';
      const built = layers.get(family);
      if (!built) throw new Error(`the ${family} layer was not built`);
      const name = `lab-${family}-${index}`;
      log(`starting ${name}`);
      hosts.push(await startLabHost({ name, address: `${prefix}.${10 + index}`, dir: join(state.hosts, name), lowerDirs: [built.layer, cache.base], family, repo: built.repo, publicKey, keyFile: key.privateKeyPath }));
    }
  } catch (error) {
    await downPackageLab(layout);
    throw error;
  }

  writeFileSync(state.supervisorScript, REBOOT_SUPERVISOR_SCRIPT, { mode: 0o755 });
  const supervisor = spawn('/bin/sh', [state.supervisorScript, state.hosts, String(options.rebootDownSeconds ?? 2)], { detached: true, stdio: 'ignore' });
  supervisor.unref();
  writeFileSync(state.supervisorPid, `${supervisor.pid ?? ''}\n`);

  const manifest: LabManifest = { stateDir: layout.stateDir, keyFile: key.privateKeyPath, hosts };
  writeFileSync(state.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The running lab's manifest, or null when none is up. */
export function readLabManifest(layout: LabLayout): LabManifest | null {
  const file = statePaths(layout).manifest;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LabManifest) : null;
}

/** Stops the supervisor and every sshd, unmounts everything under the state folder and removes it. The cache stays. */
export async function downPackageLab(layout: LabLayout): Promise<void> {
  const state = statePaths(layout);
  if (!existsSync(layout.stateDir)) return;
  if (existsSync(state.supervisorPid)) {
    const pid = Number(readFileSync(state.supervisorPid, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 1) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  if (existsSync(state.hosts)) {
    for (const name of readdirSync(state.hosts)) stopLabHost(join(state.hosts, name));
  }
  await unmountAllUnder(layout.stateDir);
  rmSync(layout.stateDir, { recursive: true, force: true });
}
