import { describeFailure, fail, ok } from './parse-result';
import type { ParseResult, ParserInput, PendingUpdate, UpdateList } from './types';
import { interpretZypperExit } from './zypper-exit';
import { columnIndex, readZypperTable } from './zypper-table';

/** One row of `zypper list-patches`, whatever its status. */
export interface ZypperPatch {
  repository: string;
  name: string;
  category: string;
  severity: string;
  interactive: string;
  /** `needed`, `applied`, `not needed`, `optional`, `retracted`. */
  status: string;
  summary: string;
}

/** Needed patches as pending updates, plus every row for reporting. */
export interface ZypperPatchList extends UpdateList {
  patches: ZypperPatch[];
}

/**
 * Parses the `zypper list-patches [--all]` table (`Repository | Name | Category | Severity |
 * Interactive | Status | Summary`; newer zypper adds `Since`, found by header name).
 * Only `needed` rows become updates (kind `patch`). Security is the Category column, never the
 * summary: SLES prints "Security update for ..." on some `recommended` patches.
 */
export function parseZypperPatches(input: ParserInput): ParseResult<ZypperPatchList> {
  const { stdout, stderr, exitCode } = input;
  const exit = interpretZypperExit(exitCode);
  if (!exit.usable) return fail(`${exit.error}${stderr?.trim() ? `: ${describeFailure(undefined, stderr)}` : ''}`);
  const warnings = exit.warning ? [exit.warning] : [];
  const table = readZypperTable(stdout);
  if (!table) {
    if (/^\s*No updates found\.?\s*$/m.test(stdout) || /^\s*0 patches needed/m.test(stdout) || stdout.trim() === '') return ok({ updates: [], warnings, patches: [] });
    return fail('zypper output holds no patch table');
  }
  const h = table.header;
  if (h.length < 7) return fail(`zypper patch table has ${h.length} columns, expected 7 or more`);
  const col = {
    repository: columnIndex(h, ['repository'], 0),
    name: columnIndex(h, ['name'], 1),
    category: columnIndex(h, ['category'], 2),
    severity: columnIndex(h, ['severity'], 3),
    interactive: columnIndex(h, ['interactive'], 4),
    status: columnIndex(h, ['status'], 5),
    summary: columnIndex(h, ['summary'], h.length - 1),
  };
  const patches: ZypperPatch[] = table.rows.map((c) => ({
    repository: c[col.repository] ?? '',
    name: c[col.name] ?? '',
    category: (c[col.category] ?? '').toLowerCase(),
    severity: (c[col.severity] ?? '').toLowerCase(),
    interactive: c[col.interactive] ?? '',
    status: (c[col.status] ?? '').toLowerCase(),
    summary: c[col.summary] ?? '',
  }));
  const updates: PendingUpdate[] = patches
    .filter((p) => p.status === 'needed')
    .map((p) => {
      const u: PendingUpdate = {
        name: p.name,
        installedVersion: null,
        availableVersion: '',
        repository: p.repository,
        security: p.category === 'security',
        cves: [],
        advisories: [p.name],
        kind: 'patch',
      };
      if (p.severity !== '' && p.severity !== 'unspecified') u.severity = p.severity;
      return u;
    });
  return ok({ updates, warnings, patches });
}
