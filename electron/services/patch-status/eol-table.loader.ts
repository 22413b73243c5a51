/**
 * Loads the OS end-of-life table: the bundled resources/eol/os-eol.json, unless the admin put a
 * replacement at <data dir>/os-eol.json (or named one in PATCHDESK_EOL_FILE). A replacement that
 * does not validate is reported and the bundled table is used, so status never silently lacks EOL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEolTable, type EolTable } from '../../../shared/domain/end-of-life';

/** The table and where it came from. */
export interface LoadedEolTable {
  table: EolTable;
  source: string;
  warning: string | null;
}

/** Reads and validates the table. Throws only when the bundled table itself is missing or broken. */
export function loadEolTable(resourcesDir: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): LoadedEolTable {
  const bundledPath = join(resourcesDir, 'eol', 'os-eol.json');
  const bundled = readTable(bundledPath);
  if (!bundled.ok) throw new Error(`the bundled end-of-life table ${bundledPath} is invalid: ${bundled.message}`);
  const overridePath = env['PATCHDESK_EOL_FILE'] ?? join(dataDir, 'os-eol.json');
  if (!existsSync(overridePath)) return { table: bundled.value, source: bundledPath, warning: null };
  const override = readTable(overridePath);
  if (override.ok) return { table: override.value, source: overridePath, warning: null };
  return { table: bundled.value, source: bundledPath, warning: `the end-of-life table ${overridePath} was not used: ${override.message}` };
}

function readTable(path: string): { ok: true; value: EolTable } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return parseEolTable(json);
}
