import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';
import { interpretZypperExit } from './zypper-exit';
import { columnIndex, readZypperTable } from './zypper-table';

/**
 * Parses the `zypper list-updates` table (`S | Repository | Name | Current Version |
 * Available Version | Arch`). The table cannot tell security updates (`security: null`); use
 * list-patches for that. zypper error exits (1-8, 104, 105) are errors; 103/106 add a warning.
 */
export function parseZypperUpdates(input: ParserInput): ParseResult<UpdateList> {
  const { stdout, stderr, exitCode } = input;
  const exit = interpretZypperExit(exitCode);
  if (!exit.usable) return fail(`${exit.error}${stderr?.trim() ? `: ${describeFailure(undefined, stderr)}` : ''}`);
  const warnings = exit.warning ? [exit.warning] : [];
  const table = readZypperTable(stdout);
  if (!table) {
    if (/^\s*No updates found\.?\s*$/m.test(stdout) || stdout.trim() === '') return ok({ updates: [], warnings });
    return fail('zypper output holds no update table');
  }
  const { header } = table;
  const repoCol = columnIndex(header, ['repository'], 1);
  const nameCol = columnIndex(header, ['name'], 2);
  const curCol = columnIndex(header, ['current version'], 3);
  const availCol = columnIndex(header, ['available version'], 4);
  const archCol = columnIndex(header, ['arch'], 5);
  if (header.length < 5) return fail(`zypper update table has ${header.length} columns, expected 6`);
  const updates: PendingUpdate[] = [];
  for (const cells of table.rows) {
    const name = cells[nameCol] ?? '';
    const available = cells[availCol] ?? '';
    if (name === '' || available === '') {
      warnings.push(`incomplete zypper row: ${cells.join(' | ').slice(0, 120)}`);
      continue;
    }
    const current = cells[curCol] ?? '';
    updates.push({
      name,
      arch: cells[archCol] ?? '',
      installedVersion: current === '' ? null : current,
      availableVersion: available,
      repository: cells[repoCol] ?? '',
      security: null,
      cves: [],
      advisories: [],
      kind: 'upgrade',
    });
  }
  return ok({ updates, warnings });
}
