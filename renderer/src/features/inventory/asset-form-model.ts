import { AssetFields, type AccessMethod, type Asset, type AssetFieldsInput, type DeviceType, type OsFamily } from '../../../../shared/contract';
import { issuesByField } from '../../lib/issue-paths';

/** The asset form as edited: lists and the port are text until submit. */
export interface AssetFormValues {
  hostname: string;
  addressesText: string;
  mac: string;
  osFamily: OsFamily;
  osName: string;
  osVersion: string;
  deviceType: DeviceType;
  role: string;
  owner: string;
  department: string;
  location: string;
  tagsText: string;
  accessMethod: AccessMethod;
  accessPort: string;
  accessUsername: string;
  notes: string;
}

/** Keys a field error can attach to; `form` is for problems of the whole form. */
export type AssetFormField = keyof AssetFormValues | 'form';
export type AssetFormErrors = Partial<Record<AssetFormField, string>>;

/** A blank asset. */
export function emptyAssetForm(): AssetFormValues {
  return {
    hostname: '',
    addressesText: '',
    mac: '',
    osFamily: 'unknown',
    osName: '',
    osVersion: '',
    deviceType: 'unknown',
    role: '',
    owner: '',
    department: '',
    location: '',
    tagsText: '',
    accessMethod: 'none',
    accessPort: '',
    accessUsername: '',
    notes: '',
  };
}

/** The form filled from a stored asset. */
export function assetToForm(asset: Asset): AssetFormValues {
  return {
    hostname: asset.hostname,
    addressesText: asset.addresses.join(', '),
    mac: asset.mac,
    osFamily: asset.osFamily,
    osName: asset.osName,
    osVersion: asset.osVersion,
    deviceType: asset.deviceType,
    role: asset.role,
    owner: asset.owner,
    department: asset.department,
    location: asset.location,
    tagsText: asset.tags.join(', '),
    accessMethod: asset.access.method,
    accessPort: asset.access.port === null ? '' : String(asset.access.port),
    accessUsername: asset.access.username,
    notes: asset.notes,
  };
}

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);

const splitTags = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** The form as the contract's editable fields. A port that is not a number is sent as-is to fail validation. */
export function formToFields(values: AssetFormValues): AssetFieldsInput {
  const portText = values.accessPort.trim();
  return {
    hostname: values.hostname.trim(),
    addresses: splitList(values.addressesText),
    mac: values.mac.trim(),
    osFamily: values.osFamily,
    osName: values.osName.trim(),
    osVersion: values.osVersion.trim(),
    deviceType: values.deviceType,
    role: values.role.trim(),
    owner: values.owner.trim(),
    department: values.department.trim(),
    location: values.location.trim(),
    tags: splitTags(values.tagsText),
    access: {
      method: values.accessMethod,
      port: portText === '' ? null : /^\d+$/.test(portText) ? Number(portText) : (portText as unknown as number),
      username: values.accessUsername.trim(),
    },
    notes: values.notes,
  };
}

/** Maps a contract field path (`addresses.2`, `access.port`) to the form field that shows it. */
function formFieldFor(path: string): AssetFormField {
  const [head, sub] = path.split('.');
  switch (head) {
    case 'addresses':
      return 'addressesText';
    case 'tags':
      return 'tagsText';
    case 'access':
      return sub === 'port' ? 'accessPort' : sub === 'username' ? 'accessUsername' : 'accessMethod';
    case undefined:
    case '':
      return 'form';
    default:
      return head in emptyAssetForm() ? (head as AssetFormField) : 'form';
  }
}

/** Host issues (`changes.addresses.1`, `fields.access.port`) as per-field messages. */
export function assetIssuesToErrors(issues: readonly { path: string; message: string }[]): AssetFormErrors {
  const byPath = issuesByField(issues, (path) => path.length);
  const errors: AssetFormErrors = {};
  for (const [path, message] of Object.entries(byPath)) {
    const field = formFieldFor(path === 'form' ? '' : path);
    errors[field] ??= message;
  }
  return errors;
}

/** Checks the form with the contract's schema and the hostname-or-address rule. */
export function validateAssetForm(values: AssetFormValues): AssetFormErrors {
  const fields = formToFields(values);
  const parsed = AssetFields.safeParse(fields);
  const errors = parsed.success ? {} : assetIssuesToErrors(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  if (fields.hostname === '' && (fields.addresses ?? []).length === 0) errors.hostname ??= 'an asset needs a hostname or at least one address';
  // zod's own wording ("Too big: expected number to be <=65535") is not for admins.
  if (errors.accessPort) errors.accessPort = 'a port number from 1 to 65535';
  return errors;
}

/** Only the fields that differ from the stored asset, for assets:update. */
export function changedFields(asset: Asset, values: AssetFormValues): Partial<AssetFieldsInput> {
  const next = formToFields(values);
  const before = formToFields(assetToForm(asset));
  const changes: Partial<AssetFieldsInput> = {};
  for (const key of Object.keys(next) as (keyof AssetFieldsInput)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) (changes as Record<string, unknown>)[key] = next[key];
  }
  return changes;
}
