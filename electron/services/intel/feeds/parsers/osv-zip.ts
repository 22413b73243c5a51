/**
 * The records of an OSV `all.zip` (one JSON file per advisory), read a batch at a time so the
 * archive's contents are never all in memory at once. Only `.json` entries are read; an entry
 * larger than 16 MB once inflated, or an archive over 8 GiB, is refused as not an OSV export.
 */
import { unzipSync } from 'fflate';
import { FeedFormatError, shown } from '../feed-error';

const MAX_ENTRY_BYTES = 16 * 1024 * 1024;
const MAX_TOTAL_BYTES = 8 * 1024 ** 3;
const BATCH = 2_000;

/** Calls `visit` with each JSON entry's name and parsed content, in archive order. */
export function forEachZipJson(bytes: Uint8Array, what: string, visit: (name: string, json: unknown) => void): number {
  const names: string[] = [];
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.endsWith('.json')) return false;
        if (file.originalSize > MAX_ENTRY_BYTES) throw new FeedFormatError(`${what}: the entry "${shown(file.name)}" would inflate to ${file.originalSize} bytes, far more than an OSV record`);
        total += file.originalSize;
        if (total > MAX_TOTAL_BYTES) throw new FeedFormatError(`${what} would inflate to more than 8 GiB: not an OSV export (a zip bomb?)`);
        names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof FeedFormatError) throw error;
    throw new FeedFormatError(`${what} is a damaged or truncated ZIP archive (${(error as Error).message})`);
  }
  if (names.length === 0) throw new FeedFormatError(`${what} is a ZIP archive without JSON records: not an OSV all.zip`);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let start = 0; start < names.length; start += BATCH) {
    const wanted = new Set(names.slice(start, start + BATCH));
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
    } catch (error) {
      throw new FeedFormatError(`${what} is a damaged or truncated ZIP archive (${(error as Error).message})`);
    }
    for (const name of names.slice(start, start + BATCH)) {
      const content = files[name];
      if (!content) continue;
      let json: unknown;
      try {
        json = JSON.parse(decoder.decode(content));
      } catch (error) {
        throw new FeedFormatError(`${what}: the entry "${shown(name)}" is not valid JSON (${(error as Error).message})`);
      }
      visit(name, json);
    }
  }
  return names.length;
}
