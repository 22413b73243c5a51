import { CSV_FIELDS, type CsvField, type CsvMapping } from '../../../../shared/contract';

/** What each inventory field is called in the mapping step. */
export const CSV_FIELD_LABELS: Record<CsvField, string> = {
  hostname: 'Hostname',
  addresses: 'Addresses',
  mac: 'MAC address',
  osFamily: 'OS family',
  osName: 'OS name',
  osVersion: 'OS version',
  deviceType: 'Device type',
  role: 'Role',
  owner: 'Owner',
  department: 'Department',
  location: 'Location',
  tags: 'Tags',
  accessMethod: 'Access method',
  notes: 'Notes',
};

/** The name of a column: its header when the first row is one, else its position. */
export function columnLabel(columns: readonly string[], index: number, hasHeader: boolean): string {
  const name = columns[index]?.trim();
  return hasHeader && name ? name : `Column ${index + 1}`;
}

/** Points a field at a column, or unmaps it with null. */
export function setFieldColumn(mapping: CsvMapping, field: CsvField, column: number | null): CsvMapping {
  const next: CsvMapping = { ...mapping };
  if (column === null) delete next[field];
  else next[field] = column;
  return next;
}

/** The fields fed by each column, for highlighting mapped columns in the sample. */
export function fieldsByColumn(mapping: CsvMapping): Map<number, CsvField[]> {
  const byColumn = new Map<number, CsvField[]>();
  for (const field of CSV_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    byColumn.set(column, [...(byColumn.get(column) ?? []), field]);
  }
  return byColumn;
}

/** Drops mappings to columns the file does not have (after a delimiter change, say). */
export function pruneMapping(mapping: CsvMapping, columnCount: number): CsvMapping {
  const next: CsvMapping = {};
  for (const field of CSV_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && column < columnCount) next[field] = column;
  }
  return next;
}

/** Problems with a mapping the admin should fix (blocking) or know about (not blocking). */
export function mappingProblems(mapping: CsvMapping, columns: readonly string[], hasHeader: boolean): { blocking: string[]; warnings: string[] } {
  const blocking: string[] = [];
  const warnings: string[] = [];
  if (mapping.hostname === undefined && mapping.addresses === undefined) blocking.push('Map a hostname or an addresses column: every asset needs one of them.');
  for (const [column, fields] of fieldsByColumn(mapping)) {
    if (fields.length > 1) warnings.push(`${columnLabel(columns, column, hasHeader)} feeds ${fields.map((field) => CSV_FIELD_LABELS[field]).join(' and ')}.`);
  }
  return { blocking, warnings };
}
