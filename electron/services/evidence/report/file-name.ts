/** File names for the evidence pack: never a local folder, only the name. */

/** The last part of a path (`C:\evidence\backup.pdf` or `/home/ana/backup.pdf` → `backup.pdf`). */
export function fileNameOnly(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  return parts[parts.length - 1] ?? '';
}
