/**
 * Mounting for the lab's roots, and the teardown that finds every mount under a folder in the
 * kernel's own table, so `lab down` removes what an interrupted `lab up` left too.
 */
import { readFileSync } from 'node:fs';
import { runTool } from '../ssh-lab/run-tool';

/** `mount ARGS...`, failing loudly. */
export async function mount(...args: string[]): Promise<void> {
  await runTool('mount', args);
}

/** Decodes the octal escapes (\040 for a space) of /proc/self/mountinfo. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mount points at or under `folder`, deepest (and latest) first: the order to unmount them in. */
export function mountsUnder(folder: string, mountinfo = readFileSync('/proc/self/mountinfo', 'utf8')): string[] {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined)
    .map(unescapeMountPath)
    .filter((point) => point === folder || point.startsWith(prefix));
  return points.reverse().sort((a, b) => b.split('/').length - a.split('/').length);
}

/** Unmounts everything at or under `folder` (lazily for busy ones); returns what it unmounted. */
export async function unmountAllUnder(folder: string): Promise<string[]> {
  const done: string[] = [];
  for (const point of mountsUnder(folder)) {
    try {
      await runTool('umount', [point]);
    } catch {
      await runTool('umount', ['-l', point]);
    }
    done.push(point);
  }
  return done;
}
