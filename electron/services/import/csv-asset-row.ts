/**
 * Turns one mapped CSV row into validated asset fields, or into messages that name the column
 * and the value at fault, so the user can find and fix the cell.
 */
import { AssetFields, type AssetFieldsInput } from '../../../shared/contract/assets';
import type { CsvField, CsvMapping } from '../../../shared/contract/import-export';
import { isIpv4 } from '../../../shared/domain/network-targets';
import {
  accessFromText,
  DEVICE_TYPES,
  deviceTypeFromText,
  isOsFamilyName,
  normaliseMac,
  osFamilyFromText,
  splitAddressCell,
  splitTagCell,
} from './asset-cell-values';
import { restoreFormula } from './spreadsheet-formula';

const MAX_ADDRESSES = 64;
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 60;
const SHOWN_VALUE_LENGTH = 60;

/** The outcome for one row: fields ready to store, or every problem found in it. */
export type CsvAssetRowResult = { ok: true; fields: AssetFields } | { ok: false; messages: string[] };

/**
 * Reads one row through the mapping. `columnNames` are the names shown to the user (header text
 * or `Column N`). Messages carry no line number; the caller knows it.
 */
export function csvRowToAssetFields(cells: readonly string[], mapping: CsvMapping, columnNames: readonly string[]): CsvAssetRowResult {
  const messages: string[] = [];
  const input: AssetFieldsInput = {};
  const cell = (field: CsvField): string | undefined => {
    const index = mapping[field];
    return index === undefined ? undefined : restoreFormula((cells[index] ?? '').trim());
  };
  const column = (field: CsvField): string => {
    const index = mapping[field] ?? 0;
    return `column "${columnNames[index] ?? `Column ${index + 1}`}"`;
  };
  const bad = (field: CsvField, value: string, problem: string) => messages.push(`${column(field)} value "${shown(value)}" ${problem}`);

  const hostname = cell('hostname');
  if (hostname !== undefined) input.hostname = hostname;

  const addressText = cell('addresses');
  if (addressText !== undefined) {
    const addresses = [...new Set(splitAddressCell(addressText))];
    for (const address of addresses) if (!isIpv4(address)) bad('addresses', address, 'is not an IPv4 address');
    if (addresses.length > MAX_ADDRESSES) messages.push(`${column('addresses')} holds ${addresses.length} addresses; at most ${MAX_ADDRESSES} are allowed`);
    input.addresses = addresses;
  }

  const macText = cell('mac');
  if (macText !== undefined && macText !== '') {
    const mac = normaliseMac(macText);
    if (mac === null) bad('mac', macText, 'is not a MAC address (aa:bb:cc:dd:ee:ff)');
    else input.mac = mac;
  }

  const osText = cell('osFamily');
  if (osText !== undefined && osText !== '') {
    input.osFamily = osFamilyFromText(osText);
    if (mapping.osName === undefined && !isOsFamilyName(osText)) input.osName = osText;
  }
  const osName = cell('osName');
  if (osName !== undefined) {
    input.osName = osName;
    if (mapping.osFamily === undefined && osName !== '') input.osFamily = osFamilyFromText(osName);
  }

  const typeText = cell('deviceType');
  if (typeText !== undefined) {
    const deviceType = deviceTypeFromText(typeText);
    if (deviceType === null) bad('deviceType', typeText, `is not a device type; use ${listOf(DEVICE_TYPES)}`);
    else input.deviceType = deviceType;
  }

  const tagText = cell('tags');
  if (tagText !== undefined) {
    const tags = splitTagCell(tagText);
    for (const tag of tags) if (tag.length > MAX_TAG_LENGTH) bad('tags', tag, `is longer than ${MAX_TAG_LENGTH} characters`);
    if (tags.length > MAX_TAGS) messages.push(`${column('tags')} holds ${tags.length} tags; at most ${MAX_TAGS} are allowed`);
    input.tags = tags;
  }

  const accessText = cell('accessMethod');
  if (accessText !== undefined) {
    const access = accessFromText(accessText);
    if (access === null) bad('accessMethod', accessText, 'is not an access method; use ssh, winrm or none, optionally with user and port as admin@ssh:2222');
    else input.access = access;
  }

  for (const field of ['osVersion', 'role', 'owner', 'department', 'location', 'notes'] as const) {
    const value = cell(field);
    if (value !== undefined) input[field] = value;
  }

  if (messages.length > 0) return { ok: false, messages };

  const parsed = AssetFields.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      messages: parsed.error.issues.map((issue) => {
        const key = issue.path[0];
        const field: CsvField = key === 'access' ? 'accessMethod' : (key as CsvField);
        const value = mapping[field] === undefined ? '' : (cell(field) ?? '');
        // The schema's own wording is written for forms; a row error reads better as a sentence.
        const problem = issue.code === 'too_big' && issue.origin === 'string' ? `is longer than ${issue.maximum} characters` : `is not accepted: ${issue.message}`;
        return `${column(field)} value "${shown(value)}" ${problem}`;
      }),
    };
  }

  const fields = parsed.data;
  if (fields.hostname === '' && fields.addresses.length === 0) {
    const sources = (['hostname', 'addresses'] as const).filter((field) => mapping[field] !== undefined).map(column);
    if (sources.length === 0) return { ok: false, messages: ['needs a hostname or an address, but no column is mapped to either'] };
    return { ok: false, messages: [`needs a hostname or an address, but ${sources.join(' and ')} ${sources.length > 1 ? 'are' : 'is'} empty`] };
  }
  return { ok: true, fields };
}

function shown(value: string): string {
  return value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH)}…` : value;
}

function listOf(values: readonly string[]): string {
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
