import { AccessMethod, DeviceType, OsFamily } from '../../../../shared/contract';
import { Field } from '../../components/field';
import { ACCESS_LABELS, DEVICE_TYPE_LABELS, OS_FAMILY_LABELS } from '../../lib/labels';
import type { AssetFormErrors, AssetFormValues } from './asset-form-model';

type TextKey = { [K in keyof AssetFormValues]: AssetFormValues[K] extends string ? K : never }[keyof AssetFormValues];

/** Every editable field of an asset, grouped as an admin thinks of them, with per-field errors. */
export function AssetFormFields({ values, errors, onChange }: { values: AssetFormValues; errors: AssetFormErrors; onChange: (values: AssetFormValues) => void }) {
  const text = (key: TextKey, label: string, options: { hint?: string; placeholder?: string; mono?: boolean; full?: boolean } = {}) => (
    <Field label={label} error={errors[key]} hint={options.hint} className={options.full ? 'form-grid__full' : undefined}>
      {(control) => (
        <input
          {...control}
          className={`input${options.mono ? ' input--mono' : ''}`}
          value={values[key]}
          placeholder={options.placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange({ ...values, [key]: event.target.value })}
          data-testid={`asset-field-${key}`}
        />
      )}
    </Field>
  );

  return (
    <div className="form-sections">
      <fieldset className="form-section">
        <legend>Identity</legend>
        <div className="form-grid">
          {text('hostname', 'Hostname', { placeholder: 'reception-pc' })}
          {text('addressesText', 'Addresses', { hint: 'IPv4, separated by commas.', mono: true, placeholder: '192.168.1.20' })}
          {text('mac', 'MAC address', { mono: true, placeholder: 'aa:bb:cc:dd:ee:ff' })}
          <Field label="Device type" error={errors.deviceType}>
            {(control) => (
              <select {...control} className="select" value={values.deviceType} onChange={(event) => onChange({ ...values, deviceType: event.target.value as DeviceType })} data-testid="asset-field-deviceType">
                {DeviceType.options.map((type) => (
                  <option key={type} value={type}>
                    {DEVICE_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Operating system</legend>
        <div className="form-grid form-grid--three">
          <Field label="OS family" error={errors.osFamily}>
            {(control) => (
              <select {...control} className="select" value={values.osFamily} onChange={(event) => onChange({ ...values, osFamily: event.target.value as OsFamily })} data-testid="asset-field-osFamily">
                {OsFamily.options.map((family) => (
                  <option key={family} value={family}>
                    {OS_FAMILY_LABELS[family]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('osName', 'OS name', { placeholder: 'Windows 11 Pro' })}
          {text('osVersion', 'OS version', { placeholder: '23H2' })}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Ownership</legend>
        <div className="form-grid">
          {text('role', 'Role', { placeholder: 'File server' })}
          {text('owner', 'Owner')}
          {text('department', 'Department')}
          {text('location', 'Location', { placeholder: 'Server room, rack 2' })}
          {text('tagsText', 'Tags', { hint: 'Separated by commas.', full: true })}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Access for patch status</legend>
        <div className="form-grid form-grid--three">
          <Field label="Method" error={errors.accessMethod}>
            {(control) => (
              <select {...control} className="select" value={values.accessMethod} onChange={(event) => onChange({ ...values, accessMethod: event.target.value as AccessMethod })} data-testid="asset-field-accessMethod">
                {AccessMethod.options.map((method) => (
                  <option key={method} value={method}>
                    {ACCESS_LABELS[method]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('accessPort', 'Port', { placeholder: values.accessMethod === 'winrm' ? '5986' : values.accessMethod === 'ssh' ? '22' : '', mono: true })}
          {text('accessUsername', 'User')}
        </div>
      </fieldset>
      <Field label="Notes" error={errors.notes}>
        {(control) => <textarea {...control} className="input" rows={3} value={values.notes} onChange={(event) => onChange({ ...values, notes: event.target.value })} data-testid="asset-field-notes" />}
      </Field>
    </div>
  );
}
