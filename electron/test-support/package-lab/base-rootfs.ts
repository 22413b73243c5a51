/**
 * The lab's Debian base root filesystem: mmdebstrap minbase with sshd, built once from the
 * machine's own apt mirror and cached; every host is an overlay on top of it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTool } from '../ssh-lab/run-tool';
import { machineDebianMirror } from './debian-mirror';

/** Bumped when what the base contains changes, so older caches are rebuilt. */
const BASE_MARKER = '.patchdesk-lab-base-v1';

/** Builds the base at `target` unless a complete one is there; returns `target`. */
export async function ensureBaseRootfs(target: string, log: (line: string) => void = () => undefined): Promise<string> {
  if (existsSync(join(target, BASE_MARKER))) return target;
  const mirror = machineDebianMirror();
  const building = `${target}.building`;
  rmSync(building, { recursive: true, force: true });
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  log(`building the base root filesystem from ${mirror} (once; about 30-120 s)`);
  await runTool('mmdebstrap', ['--quiet', '--variant=minbase', '--include=openssh-server,iproute2,procps', 'bookworm', building, `deb ${mirror} bookworm main`]);
  // The hosts never reach the internet: they get packages from the lab repository only.
  rmSync(join(building, 'etc/apt/sources.list'), { force: true });
  writeFileSync(join(building, BASE_MARKER), `${mirror}\n`);
  renameSync(building, target);
  return target;
}
