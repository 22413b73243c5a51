/**
 * The Debian mirror this machine's apt already uses, read from its sources: the lab's base root
 * filesystem comes from the same place, so it works wherever the machine's own apt works.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first `deb` URI for the Debian archive (not the security archive) in deb822 or one-line sources. */
export function debianMirrorFrom(sources: readonly string[]): string | null {
  for (const text of sources) {
    for (const stanza of text.split(/\n\s*\n/)) {
      const types = /^Types:\s*(.+)$/im.exec(stanza)?.[1] ?? '';
      const uris = /^URIs:\s*(.+)$/im.exec(stanza)?.[1] ?? '';
      if (!types.split(/\s+/).includes('deb')) continue;
      const uri = uris.split(/\s+/).find((candidate) => candidate !== '' && !/security/.test(candidate));
      if (uri) return uri;
    }
    for (const line of text.split('\n')) {
      const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+/.exec(line.trim());
      if (match?.[1] && !/security/.test(match[1])) return match[1];
    }
  }
  return null;
}

/** The mirror of this machine's apt (`/etc/apt/sources.list` and `sources.list.d/`); throws when none is configured. */
export function machineDebianMirror(aptDir = '/etc/apt'): string {
  const texts: string[] = [];
  const read = (file: string) => {
    try {
      texts.push(readFileSync(file, 'utf8'));
    } catch {
      // absent files are fine: either form may be missing
    }
  };
  read(join(aptDir, 'sources.list'));
  let entries: string[] = [];
  try {
    entries = readdirSync(join(aptDir, 'sources.list.d')).sort();
  } catch {
    entries = [];
  }
  for (const entry of entries) if (entry.endsWith('.sources') || entry.endsWith('.list')) read(join(aptDir, 'sources.list.d', entry));
  const mirror = debianMirrorFrom(texts);
  if (!mirror) throw new Error(`No Debian mirror found in ${aptDir}/sources.list or ${aptDir}/sources.list.d: the lab's base root filesystem comes from the machine's own apt mirror.`);
  return mirror;
}
