import { describe, expect, it } from 'vitest';
import { makeAsset } from './asset-fixtures.test-helper';
import { assetIssuesToErrors, assetToForm, changedFields, emptyAssetForm, formToFields, validateAssetForm } from './asset-form-model';

describe('asset form', () => {
  it('maps lists, tags and the access port', () => {
    const fields = formToFields({ ...emptyAssetForm(), hostname: ' web01 ', addressesText: '10.0.0.1, 10.0.0.2\n10.0.0.3', tagsText: 'pci, front desk ,', accessMethod: 'ssh', accessPort: '22' });
    expect(fields.hostname).toBe('web01');
    expect(fields.addresses).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(fields.tags).toEqual(['pci', 'front desk']);
    expect(fields.access).toEqual({ method: 'ssh', port: 22, username: '' });
  });

  it('needs a hostname or an address', () => {
    expect(validateAssetForm(emptyAssetForm()).hostname).toMatch(/hostname or at least one address/);
    expect(validateAssetForm({ ...emptyAssetForm(), addressesText: '10.0.0.1' })).toEqual({});
  });

  it('puts errors on the field that shows them', () => {
    const errors = validateAssetForm({ ...emptyAssetForm(), hostname: 'x', addressesText: '10.0.0.1, 10.0.0.999', mac: 'zz', accessPort: '70000' });
    expect(Object.keys(errors).sort()).toEqual(['accessPort', 'addressesText', 'mac']);
  });

  it('maps host issue paths', () => {
    expect(assetIssuesToErrors([{ path: 'changes.access.port', message: 'too big' }, { path: 'changes.addresses.1', message: 'bad' }, { path: 'changes.owner', message: 'long' }])).toEqual({
      accessPort: 'too big',
      addressesText: 'bad',
      owner: 'long',
    });
  });

  it('sends only what changed', () => {
    const asset = makeAsset({ id: 1, hostname: 'pc1', addresses: ['10.0.0.5'], tags: ['a'] });
    expect(changedFields(asset, assetToForm(asset))).toEqual({});
    expect(changedFields(asset, { ...assetToForm(asset), owner: 'Bea', tagsText: 'a, b' })).toEqual({ owner: 'Bea', tags: ['a', 'b'] });
  });
});
