/**
 * Whether this machine can run the package lab, asked before a lab test starts so that it skips
 * cleanly (saying why) instead of failing where the lab cannot exist: not root, or neither a
 * cached base nor mmdebstrap to build one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cachePaths, type LabLayout } from './lab-layout';

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the lab cannot run here, or null when it can. */
export function labUnavailableReason(layout: LabLayout): string | null {
  if (process.platform !== 'linux') return 'the package lab runs on Linux only';
  if (process.getuid?.() !== 0) return 'the package lab needs root (overlay mounts, chroot, sshd)';
  for (const tool of ['mount', 'chroot', 'unshare', 'ssh-keygen']) if (!hasCommand(tool)) return `the package lab needs ${tool}`;
  if (!existsSync(join(cachePaths(layout).base, '.patchdesk-lab-base-v1')) && !hasCommand('mmdebstrap')) return 'the package lab needs mmdebstrap (or a cached base root filesystem)';
  return null;
}
