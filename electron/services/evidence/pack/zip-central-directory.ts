/**
 * Reads a ZIP's central directory before anything is inflated, to refuse entries that are not
 * plain files. fflate reports names and sizes only; the type of an entry (symbolic link, folder,
 * device, FIFO) sits in the external attributes, which `unzip` and most archive tools honour when
 * they extract. A symbolic link in a pack could make an auditor's `unzip` write or read outside
 * the folder, so a pack holds regular files only.
 */

/** One central directory record, as far as the safety checks need it. */
export interface CentralEntry {
  name: string;
  /** The high byte of "version made by": 3 is Unix, 19 is macOS, 0 is MS-DOS/Windows. */
  madeByOs: number;
  externalAttributes: number;
  flags: number;
  compression: number;
  localHeaderOffset: number;
}

const END_RECORD = 0x06054b50;
const CENTRAL_RECORD = 0x02014b50;
const LOCAL_RECORD = 0x04034b50;
const END_RECORD_SIZE = 22;
/** The longest comment a ZIP's end record can carry. */
const MAX_COMMENT = 0xffff;

/** Systems whose "made by" means the high 16 bits of the external attributes are a Unix mode. */
const UNIX_LIKE_OS = new Set([3, 19]);
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
/** Unix file types other than a regular file, in words. */
const UNIX_TYPES: ReadonlyMap<number, string> = new Map([
  [0o120000, 'a symbolic link'],
  [0o040000, 'a folder'],
  [0o020000, 'a character device'],
  [0o060000, 'a block device'],
  [0o010000, 'a named pipe (FIFO)'],
  [0o140000, 'a socket'],
]);
/** The MS-DOS attribute bit for a folder. */
const DOS_DIRECTORY = 0x10;

/** Why the central directory cannot be read; `damaged` is false when the archive is readable but of a kind packs never are. */
export class CentralDirectoryError extends Error {
  constructor(
    message: string,
    readonly damaged = true,
  ) {
    super(message);
    this.name = 'CentralDirectoryError';
  }
}

/** Every record of the central directory, in archive order. Throws on a damaged or ZIP64 archive. */
export function readCentralDirectory(bytes: Uint8Array): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new CentralDirectoryError('it is a ZIP64 archive, which an evidence pack never is', false);
  if (offset + size > end) throw new CentralDirectoryError('its central directory lies outside the file');
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_RECORD) throw new CentralDirectoryError(`central directory record ${index + 1} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new CentralDirectoryError(`central directory record ${index + 1} is damaged`);
    entries.push({
      name: decodeName(bytes.subarray(at + 46, at + 46 + nameLength), view.getUint16(at + 8, true)),
      madeByOs: view.getUint8(at + 5),
      flags: view.getUint16(at + 8, true),
      compression: view.getUint16(at + 10, true),
      externalAttributes: view.getUint32(at + 38, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Why this entry is not a plain file, or null when it is: a Unix type other than regular (the
 * high 16 bits of the external attributes, when the archive was made on a Unix-like system), the
 * MS-DOS folder bit, a name ending in "/", or encryption.
 */
export function entryTypeProblem(entry: CentralEntry): string | null {
  if (UNIX_LIKE_OS.has(entry.madeByOs)) {
    const type = (entry.externalAttributes >>> 16) & S_IFMT;
    // 0 means no mode was recorded; a regular file is what every pack holds.
    if (type !== 0 && type !== S_IFREG) return `it is ${UNIX_TYPES.get(type) ?? `not a regular file (Unix file type 0${type.toString(8)})`}, not a regular file`;
  }
  if (entry.name.endsWith('/') || (entry.externalAttributes & DOS_DIRECTORY) !== 0) return 'it is a folder entry, and an evidence pack holds files only';
  if ((entry.flags & 0x1) !== 0) return 'it is encrypted';
  return null;
}

/** The name the local header repeats for an entry, or null when the header is not there. */
export function localHeaderName(bytes: Uint8Array, entry: CentralEntry): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_RECORD) return null;
  const nameLength = view.getUint16(at + 26, true);
  if (at + 30 + nameLength > bytes.length) return null;
  return decodeName(bytes.subarray(at + 30, at + 30 + nameLength), view.getUint16(at + 6, true));
}

/** A name as fflate decodes it (UTF-8 when the language-encoding flag is set, else Latin-1), so both readings agree. */
function decodeName(raw: Uint8Array, flags: number): string {
  if ((flags & 0x800) !== 0) return new TextDecoder('utf-8', { fatal: false }).decode(raw);
  let name = '';
  for (const byte of raw) name += String.fromCharCode(byte);
  return name;
}

/** The end-of-central-directory record's offset, searching back over a trailing comment. */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - END_RECORD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === END_RECORD && at + END_RECORD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw new CentralDirectoryError('it has no end-of-central-directory record');
}
