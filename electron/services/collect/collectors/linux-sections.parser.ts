/**
 * Splits the output of the Linux collector script into its sections (see
 * `linux-collector.script.ts` for the grammar). Framing only: what each section means is decided
 * by `linux-collection.parser.ts`.
 */

/** One command's captured output, as the script framed it. */
export interface CollectedSection {
  name: string;
  exitCode: number;
  stdout: string;
  /** Empty when the command wrote nothing to stderr (or the script could not keep it). */
  stderr: string;
}

/** The `# patchdesk-collection` line that opens every collection. */
export interface CollectionHeader {
  version: number;
  platform: string;
  /** Random per run; marker lines carry it so output cannot forge them. Absent on Windows. */
  runId: string | null;
}

/** A framed Linux collection, or why it cannot be trusted. */
export type SectionsResult =
  | { ok: true; header: CollectionHeader; sections: Map<string, CollectedSection>; warnings: string[] }
  | { ok: false; error: string };

const HEADER = /^# patchdesk-collection v(\d+) platform=([a-z-]+)(?: run=([0-9A-Za-z]{1,64}))?[ \t]*$/;
const MAX_SECTIONS = 200;

/** Reads a collection header line, or null when `line` is not one. */
export function readCollectionHeader(line: string): CollectionHeader | null {
  const m = HEADER.exec(line);
  if (!m) return null;
  return { version: Number(m[1]), platform: m[2] ?? '', runId: m[3] ?? null };
}

/**
 * Finds the header (text before it, such as a chatty shell rc file, is skipped with a warning),
 * then cuts the rest at marker lines carrying the header's run id. Each output is restored
 * exactly by dropping the one newline the script prints before every marker. A collection
 * without its end marker was cut short and is refused, as is one with no run id.
 */
export function splitLinuxSections(text: string): SectionsResult {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
  const headerAt = lines.findIndex((l) => HEADER.test(l));
  if (headerAt < 0) return { ok: false, error: 'no "# patchdesk-collection" header line; this is not output of the Patchdesk collector' };
  const header = readCollectionHeader(lines[headerAt] ?? '');
  if (!header) return { ok: false, error: 'unreadable collection header' };
  if (header.version !== 1) return { ok: false, error: `collection format v${header.version} is not supported (this Patchdesk reads v1)` };
  if (header.runId === null) return { ok: false, error: 'the collection header has no run id' };

  const warnings: string[] = [];
  if (lines.slice(0, headerAt).some((l) => l.trim() !== '')) warnings.push(`ignored ${headerAt} line(s) printed before the collection header (shell start-up output?)`);

  const marker = new RegExp(`^=== patchdesk (?:section=([a-z0-9-]{1,64}) exit=(\\d{1,3})|stderr=([a-z0-9-]{1,64})|(end)) run=${header.runId} ===$`);
  const sections = new Map<string, CollectedSection>();
  let current: { section: CollectedSection; stream: 'stdout' | 'stderr' } | null = null;
  let buffer: string[] = [];
  let ended = false;
  let endAt = -1;

  const flush = () => {
    if (current) current.section[current.stream] = buffer.join('\n');
    buffer = [];
  };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = line.startsWith('=== patchdesk ') ? marker.exec(line) : null;
    if (!m) {
      buffer.push(line);
      continue;
    }
    // Joining the lines drops exactly the newline the script printed before this marker.
    flush();
    if (m[4]) {
      ended = true;
      endAt = i;
      break;
    }
    if (m[1] !== undefined) {
      if (sections.size >= MAX_SECTIONS) return { ok: false, error: `more than ${MAX_SECTIONS} sections; refused` };
      if (sections.has(m[1])) {
        warnings.push(`section ${m[1]} appears twice; the first is used`);
        current = null;
        continue;
      }
      const section: CollectedSection = { name: m[1], exitCode: Number(m[2]), stdout: '', stderr: '' };
      sections.set(m[1], section);
      current = { section, stream: 'stdout' };
      continue;
    }
    const owner = sections.get(m[3] ?? '');
    current = owner && owner.stderr === '' ? { section: owner, stream: 'stderr' } : null;
  }
  if (!ended) return { ok: false, error: 'the collection is truncated: its "=== patchdesk end ===" line is missing' };
  if (lines.slice(endAt + 1).some((l) => l.trim() !== '')) warnings.push('ignored text after the end marker');
  return { ok: true, header, sections, warnings };
}
