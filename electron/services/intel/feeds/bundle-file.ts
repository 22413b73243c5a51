/** Tells a signed intel bundle on disk from a feed file, reading only the bundle's bytes. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { looksLikeBundle } from './bundle-format';

/**
 * The file's bytes when it is a signed bundle (a ZIP with a manifest and its signature); null for
 * anything else, including a file that cannot be opened (the feed import then names that problem).
 */
export function readBundleFile(path: string): Buffer | null {
  if (!startsLikeZip(path)) return null;
  const bytes = readFileSync(path);
  return looksLikeBundle(bytes) ? bytes : null;
}

function startsLikeZip(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return head[0] === 0x50 && head[1] === 0x4b;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
