/**
 * Reads /etc/os-release: `KEY=value` lines whose values follow shell quoting rules (see
 * os-release(5)). Only the subset distributions use is understood; nothing is ever evaluated.
 */

/** Parses os-release text into a key/value map; malformed lines are skipped. */
export function parseOsRelease(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m || out.has(m[1] ?? '')) continue;
    out.set(m[1] ?? '', unquote(m[2] ?? ''));
  }
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
  return value.replace(/\\(.)/g, '$1');
}
