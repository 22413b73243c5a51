/**
 * The rules for a file name inside an evidence pack. A pack is unzipped by auditors on any
 * system, so a name must be a plain relative path that cannot escape the folder it is unzipped
 * into and that means the same file on Windows, macOS and Linux.
 */

/** Longest name accepted (well below every file system's limit once unzipped into a folder). */
export const MAX_ENTRY_NAME_LENGTH = 200;

/** Characters Windows refuses in file names, plus control characters. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f<>:"|?*\\]/;

/** Why `name` is not an acceptable pack entry name, or null when it is. */
export function entryNameProblem(name: string): string | null {
  if (name === '') return 'the name is empty';
  if (name.length > MAX_ENTRY_NAME_LENGTH) return `the name is longer than ${MAX_ENTRY_NAME_LENGTH} characters`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (FORBIDDEN_CHARACTERS.test(name)) return 'it contains a backslash, a control character or one of < > : " | ? *';
  const segments = name.split('/');
  if (segments.some((segment) => segment === '..')) return 'it climbs out of the pack with ".."';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'it has an empty or "." path segment';
  if (segments.some((segment) => segment.endsWith(' ') || segment.endsWith('.'))) return 'a path segment ends with a space or a dot';
  return null;
}

/** The key under which two names collide once unzipped on a case-insensitive file system. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
