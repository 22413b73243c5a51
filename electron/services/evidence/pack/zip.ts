/**
 * The pack's ZIP container (fflate). Writing is deterministic: entries sorted by name, one fixed
 * modification time, fixed attributes and compression, so the same files give the same bytes on
 * every machine and in every time zone. Reading refuses what an attacker could use against the
 * machine that opens a pack: zip bombs, too many entries, names that escape the folder or
 * collide once unzipped, and entries that are not regular files (symbolic links, folders, devices).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { compareCodePoints } from './canonical-json';
import { collisionKey, entryNameProblem } from './entry-name';
import { CentralDirectoryError, entryTypeProblem, localHeaderName, readCentralDirectory, type CentralEntry } from './zip-central-directory';

/** One file inside a ZIP. */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** Limits applied when reading a ZIP; the defaults are far above any real pack. */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

/** At most 10,000 entries and 1 GiB once decompressed. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 1024 ** 3 };

/** Why a ZIP could not be read safely; the message names the entry and the reason. */
export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

/** Regular file, rw-r--r--, as Unix `unzip` restores it (the high 16 bits of the external attributes). */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** "Made by" Unix, so the attributes above are honoured. */
const MADE_BY_UNIX = 3;
const DEFLATE_LEVEL = 6;

/** Zips the entries deterministically, every entry stamped with `modifiedAt` (UTC). */
export function zipDeterministic(entries: readonly ZipEntry[], modifiedAt: Date): Uint8Array {
  const sorted = [...entries].sort((a, b) => compareCodePoints(a.path, b.path));
  const files: Zippable = {};
  for (const entry of sorted) {
    const problem = entryNameProblem(entry.path);
    if (problem) throw new Error(`cannot zip "${entry.path}": ${problem}`);
    if (Object.prototype.hasOwnProperty.call(files, entry.path)) throw new Error(`cannot zip "${entry.path}" twice`);
    files[entry.path] = [entry.bytes, { level: DEFLATE_LEVEL, os: MADE_BY_UNIX, attrs: FILE_ATTRIBUTES, mtime: modifiedAt }];
  }
  const zip = zipSync(files);
  stampDosTime(zip, modifiedAt);
  return zip;
}

/**
 * Rewrites every entry's DOS date and time with the UTC fields of `at`. fflate writes the local
 * time of the machine, which would make the same pack differ between time zones.
 */
function stampDosTime(zip: Uint8Array, at: Date): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  const dosDate = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const dosTime = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  const end = zip.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('unexpected ZIP layout: no end record');
  const count = view.getUint16(end + 10, true);
  let central = view.getUint32(end + 16, true);
  for (let index = 0; index < count; index++) {
    if (view.getUint32(central, true) !== 0x02014b50) throw new Error('unexpected ZIP layout: bad central directory');
    view.setUint16(central + 12, dosTime, true);
    view.setUint16(central + 14, dosDate, true);
    const local = view.getUint32(central + 42, true);
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    central += 46 + view.getUint16(central + 28, true) + view.getUint16(central + 30, true) + view.getUint16(central + 32, true);
  }
}

/** The bytes every ZIP starts with: a local file header, or the end record of an empty archive. */
function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  return (bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06);
}

/**
 * Reads a ZIP's files, in archive order. Throws a {@link ZipReadError} naming the entry for
 * anything unsafe or unreadable, before decompressing anything: names that are absolute, climb
 * out with "..", repeat or collide; entries that are not regular files (symbolic links, folders,
 * devices, pipes: see {@link entryTypeProblem}); a local header naming another file than the
 * central directory; too many entries or too many bytes.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (!looksLikeZip(bytes)) throw new ZipReadError('it is not a ZIP file');
  checkEntries(bytes, limits);
  const names: string[] = [];
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (names.length + 1 > limits.maxEntries) throw new ZipReadError(`it has more than ${limits.maxEntries} entries`);
        if (file.compression !== 0 && file.compression !== 8) throw new ZipReadError(`"${printable(file.name)}" uses an unsupported compression method (${file.compression})`);
        total += file.originalSize;
        if (total > limits.maxTotalBytes) throw new ZipReadError(`it would decompress to more than ${formatBytes(limits.maxTotalBytes)} (a zip bomb, or not an evidence pack)`);
        names.push(file.name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ZipReadError) throw error;
    throw new ZipReadError(`the ZIP is damaged or truncated (${(error as Error).message})`);
  }
  return names.map((path) => ({ path, bytes: files[path] ?? new Uint8Array() }));
}

/** The central directory's checks: every entry a plain file with a safe, unique name. */
function checkEntries(bytes: Uint8Array, limits: ZipLimits): void {
  let entries: CentralEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (error) {
    if (error instanceof CentralDirectoryError && !error.damaged) throw new ZipReadError(error.message);
    throw new ZipReadError(`the ZIP is damaged or truncated (${(error as Error).message})`);
  }
  if (entries.length > limits.maxEntries) throw new ZipReadError(`it has more than ${limits.maxEntries} entries`);
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const shown = printable(entry.name);
    const problem = entryNameProblem(entry.name.endsWith('/') ? entry.name.slice(0, -1) : entry.name);
    if (problem) throw new ZipReadError(`it holds an unsafe entry name "${shown}": ${problem}`);
    const typeProblem = entryTypeProblem(entry);
    if (typeProblem) throw new ZipReadError(`it holds the entry "${shown}", which is refused: ${typeProblem}`);
    const key = collisionKey(entry.name);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new ZipReadError(earlier === entry.name ? `it holds "${shown}" twice` : `it holds both "${printable(earlier)}" and "${shown}", which are the same file on Windows and macOS`);
    seen.set(key, entry.name);
    const local = localHeaderName(bytes, entry);
    if (local === null) throw new ZipReadError(`the ZIP is damaged or truncated (the data of "${shown}" is not where the central directory says)`);
    if (local !== entry.name) throw new ZipReadError(`the entry "${shown}" is named "${printable(local)}" in its own header: the two names must agree`);
  }
}

/** A name as safe one-line text for messages. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 120);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : bytes >= 1024 ** 2 ? `${bytes / 1024 ** 2} MiB` : `${bytes} bytes`;
}
